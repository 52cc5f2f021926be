"""Audiences: which member enterprises may read an item, one implementation for every feature
that has member-only content (notices, study materials). Reached through
portal.enterprises.services.

An audience is a set of tags (portal/enterprises/models.py, Audience): "all", or
"level:<level>" for each chosen membership level, or "enterprise:<id>" for each chosen
enterprise. An enterprise's own tags are the three that describe it now (reader_tags); it may
read an item when the two sets meet. The same tags go into the search index, so a search
filters by them in its index query.
"""

from __future__ import annotations

from collections.abc import Iterable

from flask_babel import lazy_gettext as _l
from sqlalchemy import String, and_, bindparam, cast, exists, literal, literal_column, or_, select

from portal.enterprises.models import AUDIENCE_SCOPES, LEVELS, Audience, AudienceTag, Enterprise
from portal.errors import PortalError
from portal.extensions import db

EVERYONE = literal_column("'all'", String)


class AudienceProblem(PortalError):
    message = _l("Please choose who may read this.")
    field = "audience_scope"


def reader_tags(enterprise) -> tuple[str, ...]:
    """The tags an enterprise reads under: everything for all members, its level, itself."""
    return ("all", f"level:{enterprise.level}", f"enterprise:{enterprise.id}")


def reader_params(enterprise) -> dict[str, str]:
    """The bind parameters of readable_by() without an enterprise: its level's and its own tag."""
    _, level, own = reader_tags(enterprise)
    return {"level_tag": level, "enterprise_tag": own}


def readable_by(audience_id_column, enterprise=None):
    """SQL: "the enterprise may read the item whose audience is `audience_id_column`";
    without an enterprise, for statements built once, its tags are the bind parameters
    that reader_params() gives.

    A correlated EXISTS on the audience's tags (primary key (audience_id, tag)): a few index
    probes per item, whatever the number of items. "all" is written into the statement and
    the other two tags are separate parameters: PostgreSQL plans the portal's statements
    once, without their values (portal/reading.py), and it can then tell from its
    statistics that "all" is the common tag. Given an array of the three, it guessed that a
    handful of items qualify, and sorted every notice instead of walking a page of them.
    """
    if enterprise is None:
        level, own = bindparam("level_tag", type_=String), bindparam("enterprise_tag", type_=String)
    else:
        _, level, own = reader_tags(enterprise)
    return exists().where(AudienceTag.audience_id == audience_id_column,
                          AudienceTag.tag.in_([EVERYONE, level, own]))


def _enterprise_tag_condition(audience_id):
    """SQL on Enterprise: its tags meet those of the audience (an id or a column)."""
    tag = AudienceTag.tag
    return exists().where(AudienceTag.audience_id == audience_id, or_(
        tag == "all",
        tag == literal("level:") + Enterprise.level,
        tag == literal("enterprise:") + cast(Enterprise.id, String)))


def enterprises_in(audience_id):
    """A select() of the ACTIVE enterprises in the audience (an id or a column), by name: the
    receipt reports and the mail to an audience start here. A suspended or lapsed
    enterprise is outside every audience until it is active again."""
    return (select(Enterprise)
            .where(Enterprise.status == "active", _enterprise_tag_condition(audience_id))
            .order_by(Enterprise.name_zh, Enterprise.id))


def in_audience_condition(audience_id):
    """The SQL condition on Enterprise of enterprises_in(), for callers building their own
    select (joins, counts)."""
    return and_(Enterprise.status == "active", _enterprise_tag_condition(audience_id))


def _tags_for(scope: str, levels: Iterable[str], enterprise_ids: Iterable[int]) -> list[str]:
    if scope == "all":
        return ["all"]
    if scope == "levels":
        chosen = sorted({level for level in levels or () if level in LEVELS})
        if not chosen:
            raise AudienceProblem(_l("Please choose at least one membership level."))
        return [f"level:{level}" for level in chosen]
    if scope == "enterprises":
        wanted = {int(i) for i in enterprise_ids or () if str(i).isdigit()}
        found = set(db.session.scalars(select(Enterprise.id).where(Enterprise.id.in_(wanted))))
        if not found:
            raise AudienceProblem(_l("Please choose at least one enterprise."))
        return [f"enterprise:{i}" for i in sorted(found)]
    raise AudienceProblem()


def set_audience(audience: Audience | None, scope: str, levels=(), enterprise_ids=()
                 ) -> Audience:
    """The audience (a new one when None) made to hold exactly the choice; flushed.

    Raises AudienceProblem for an unknown scope, or levels / enterprises that choose nobody.
    Unknown levels and enterprise ids are left out.
    """
    tags = _tags_for(scope, levels, enterprise_ids)
    if audience is None:
        audience = Audience()
        db.session.add(audience)
    audience.scope = scope
    current = {t.tag: t for t in audience.tags}
    for tag in set(current) - set(tags):
        audience.tags.remove(current[tag])
    for tag in tags:
        if tag not in current:
            audience.tags.append(AudienceTag(tag=tag))
    db.session.flush()
    return audience


def describe_audience(audience: Audience, language: str) -> str:
    """A short description for lists: "All member enterprises", the levels, or a count."""
    from flask_babel import gettext as _
    from flask_babel import ngettext

    if audience.scope == "levels":
        return _(", ").join(str(LEVELS[level]) for level in audience.levels if level in LEVELS)
    if audience.scope == "enterprises":
        count = len(audience.enterprise_ids)
        return ngettext("%(num)d chosen enterprise", "%(num)d chosen enterprises", count)
    return str(AUDIENCE_SCOPES["all"])


def active_enterprise_choices(language: str) -> list[tuple[int, str]]:
    """(id, name) of the active enterprises, for the audience form's list."""
    rows = db.session.execute(select(Enterprise.id, Enterprise.name_zh, Enterprise.name_en)
                              .where(Enterprise.status == "active")
                              .order_by(Enterprise.name_zh, Enterprise.id))
    return [(id_, name_en if language == "en" and name_en else name_zh)
            for id_, name_zh, name_en in rows]
