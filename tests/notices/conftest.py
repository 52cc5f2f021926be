"""Notice fixtures: enterprises of two levels with members, an editor, and publish_notice()."""

from __future__ import annotations

import pytest

from portal.extensions import db


@pytest.fixture
def editor(make_user):
    return make_user(kind="staff", roles=("editor",), name="Editor Lin")


@pytest.fixture
def directors(make_enterprise, make_user):
    """A council-member enterprise with two members."""
    enterprise = make_enterprise(level="director", name_zh="理事企业", name_en="Director Co")
    return enterprise, make_user(enterprise=enterprise, name="Dong"), make_user(
        enterprise=enterprise, name="Dai")


@pytest.fixture
def ordinary(make_enterprise, make_user):
    """A member-unit enterprise with one member."""
    enterprise = make_enterprise(level="member", name_zh="会员企业", name_en="Member Co")
    return enterprise, make_user(enterprise=enterprise, name="Mo")


@pytest.fixture
def publish_notice(app, editor):
    """publish_notice(title_zh, scope="all", levels=(), enterprise_ids=(), ack=False,
    public=False, action="publish", files=(), pinned=False, …) -> the notice id."""
    from io import BytesIO

    from werkzeug.datastructures import FileStorage

    from portal.notices import services

    def publish(title_zh="关于开展年度调研的通知", scope="all", levels=(), enterprise_ids=(),
                ack=False, public=False, action="publish", files=(), deadline=None,
                expires_at=None, when=None, body="<p>请各会员企业积极参与。</p>", pinned=False):
        with app.test_request_context():
            actor = db.session.merge(editor)
            uploads = [FileStorage(BytesIO(data), filename=name) for name, data in files]
            notice = services.save_notice(
                actor, None, {"title_zh": title_zh, "body_zh": body, "summary_zh": "",
                              "title_en": "", "summary_en": "", "body_en": "", "author": "",
                              "source": "", "pinned": pinned},
                {"audience": {"scope": scope, "levels": list(levels),
                              "enterprise_ids": list(enterprise_ids)},
                 "public": public, "ack_required": ack, "ack_deadline": deadline,
                 "expires_at": expires_at},
                action=action, when=when, uploads=uploads)
            db.session.commit()
            return notice.id

    return publish


@pytest.fixture
def expand_mail(app):
    """expand_mail() runs the mailings' expansion as the sender would; the number queued."""
    from portal.mail.mailings import expand_mailings

    def expand():
        with app.app_context():
            done = expand_mailings()
            db.session.remove()
            return done

    return expand
