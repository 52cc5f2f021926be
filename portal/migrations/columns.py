"""Columns, constraints and tables as the migrations write them, each said once.

Every helper builds exactly what Alembic's autogenerate wrote into the migrations before
they used this module: the same types and nullability, constraint names given through
`op.f()` in the naming convention's patterns (portal/extensions.py), the same ON DELETE.
So a migration emits the same DDL with or without them. The DDL of a migration never
changes once it has run somewhere, so neither does a helper that migrations use: a new need
is a new helper (or plain `sa.Column(...)` in the migration).

Constraints and indexes are functions of their table's name, which `create_table()` gives
them: a table's name is written once. Constraints keep the order they are listed in (it is
the order of the CREATE TABLE's clauses on SQLite).
"""

import sqlalchemy as sa
from alembic import op

# Columns --------------------------------------------------------------------------------


def id_column() -> sa.Column:
    return sa.Column("id", sa.Integer(), nullable=False)


def string(name: str, length: int, *, null: bool = False) -> sa.Column:
    return sa.Column(name, sa.String(length=length), nullable=null)


def text(name: str) -> sa.Column:
    return sa.Column(name, sa.Text(), nullable=False)


def integer(name: str, *, null: bool = False) -> sa.Column:
    return sa.Column(name, sa.Integer(), nullable=null)


def boolean(name: str) -> sa.Column:
    return sa.Column(name, sa.Boolean(), nullable=False)


def date(name: str, *, null: bool = False) -> sa.Column:
    return sa.Column(name, sa.Date(), nullable=null)


def timestamp(name: str, *, null: bool = False) -> sa.Column:
    """A moment (the models' UTCDateTime, stored with its time zone)."""
    return sa.Column(name, sa.DateTime(timezone=True), nullable=null)


def json(name: str) -> sa.Column:
    return sa.Column(name, sa.JSON(), nullable=False)


def created_at() -> sa.Column:
    return timestamp("created_at")


def updated_at() -> sa.Column:
    return timestamp("updated_at")


def bilingual(name: str, zh_length: int, en_length: int) -> tuple[sa.Column, sa.Column]:
    """`<name>_zh` and `<name>_en` (the English one is longer: it takes more letters)."""
    return string(f"{name}_zh", zh_length), string(f"{name}_en", en_length)


def bilingual_text(name: str) -> tuple[sa.Column, sa.Column]:
    return text(f"{name}_zh"), text(f"{name}_en")


def editors() -> tuple[sa.Column, sa.Column]:
    """Who made a record and who changed it last (see `by_user()` for their keys)."""
    return integer("created_by_id", null=True), integer("updated_by_id", null=True)


# Constraints: functions of the table's name ----------------------------------------------


def primary_key(*columns: str):
    return lambda table: sa.PrimaryKeyConstraint(*columns, name=op.f(f"pk_{table}"))


def unique(*columns: str):
    return lambda table: sa.UniqueConstraint(*columns, name=op.f(f"uq_{table}_{columns[0]}"))


def check(name: str, condition: str):
    return lambda table: sa.CheckConstraint(condition, name=op.f(f"ck_{table}_{name}"))


def foreign_key(column: str, target: str, *, ondelete: str | None = None):
    """`column` refers to `target.id`."""
    options = {"ondelete": ondelete} if ondelete else {}
    return lambda table: sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"), **options)


def owned_by(column: str, target: str):
    """`column` refers to `target.id`, and the row goes when that one does."""
    return foreign_key(column, target, ondelete="CASCADE")


def by_user(*columns: str):
    """Keys to the users who did something: a deleted user leaves NULL behind."""
    return [foreign_key(column, "users", ondelete="SET NULL") for column in columns]


# Indexes and tables ----------------------------------------------------------------------


def index(*columns: str, name: str | None = None, where: str | None = None):
    """An index on `columns`: named `ix_<table>_<first column>` unless `name` is given;
    `where` makes it partial (on both databases)."""
    options = {}
    if where:
        options = {"sqlite_where": sa.text(where), "postgresql_where": sa.text(where)}

    def create(table, batch_op):
        batch_op.create_index(name or batch_op.f(f"ix_{table}_{columns[0]}"), list(columns),
                              unique=False, **options)

    return create


def create_table(name: str, *items, indexes=(), with_id: bool = True) -> None:
    """A table of `items` (columns, then constraints), and its `indexes`. With `with_id`,
    it begins with the integer `id` that is its primary key."""
    items = [item(name) if callable(item) else item for item in items]
    if with_id:
        items = [id_column(), *items, primary_key("id")(name)]
    op.create_table(name, *items)
    if indexes:
        with op.batch_alter_table(name, schema=None) as batch_op:
            for create in indexes:
                create(name, batch_op)


def drop_table(name: str, *indexes: str) -> None:
    """Drops the named indexes (in that order), then the table."""
    if indexes:
        with op.batch_alter_table(name, schema=None) as batch_op:
            for index_name in indexes:
                batch_op.drop_index(index_name)
    op.drop_table(name)



def create_attachments(name: str, owner: str, owner_table: str, *, ordered: bool = True) -> None:
    """A table of stored files attached to the rows of `owner_table`: the row (`owner`), the
    file (attached once) and, when `ordered`, its `position`. Deleting either deletes the
    attachment."""
    keys = sorted([(owner, owner_table), ("file_id", "stored_files")])  # autogenerate's order
    create_table(
        name,
        integer(owner), integer("file_id"), *([integer("position")] if ordered else []),
        *(owned_by(column, table) for column, table in keys),
        unique("file_id"),
        indexes=[index(owner)],
    )
