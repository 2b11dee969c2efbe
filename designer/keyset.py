"""How a list is ordered for keyset paging, said by the service that owns the list.

Plain data: the paginator (designer/pagination.py) does the cutting. Must not know any model.
"""

from dataclasses import dataclass

from django.db.models.expressions import BaseExpression


@dataclass(frozen=True)
class Keyset:
    """Keys that end in a unique one, all one direction; none may be null.

    A key is a field name or an expression. `name` travels in the cursor, so a cursor cut under
    one order is refused under another.
    """

    name: str
    keys: tuple[str | BaseExpression, ...]
    descending: bool = False
