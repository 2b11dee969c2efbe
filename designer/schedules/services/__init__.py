"""Schedule and trigger services: what they call (`calls`), managing them (`schedules`,
`triggers`), and firing them (`firing`), which the scheduler drives."""
