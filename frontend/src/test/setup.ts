/** Vitest set-up for jsdom tests: DOM matchers, and a clean DOM after each test. */
import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// findBy…/waitFor give up after 5 s rather than 1 s: on a busy machine a page's fetch, render
// and effects can take longer than a second, and a test should wait on the state, not race it.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  cleanup();
});
