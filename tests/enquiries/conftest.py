"""Enquiry fixtures: a secretariat with departments, categories and agents, member
enterprises with users, and helpers to submit and act on enquiries."""

from __future__ import annotations

import itertools
import re
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from portal.extensions import db

_keys = itertools.count(1)


def new_key() -> str:
    return f"test-key-{next(_keys):08d}-abcdef"


_HASHES: dict = {}


@pytest.fixture
def hash_once(monkeypatch):
    """Users made by the fixtures share one password hash per password (scrypt is slow on
    purpose); signing in still checks it."""
    from werkzeug.security import generate_password_hash

    def hashed(password, *args, **kwargs):
        if password not in _HASHES:
            _HASHES[password] = generate_password_hash(password, *args, **kwargs)
        return _HASHES[password]

    monkeypatch.setattr("portal.accounts.services.generate_password_hash", hashed)


@pytest.fixture
def desk(app, hash_once, make_department, make_user, make_enterprise):
    """Departments (general affairs is the default), categories routing to them, two agents
    of the legal department, one of general affairs, an admin, an editor, and members of
    two enterprises (two users in the first)."""
    from portal.enquiries.models import EnquiryCategory

    general = make_department(name_zh="综合事务部", name_en="General Affairs", is_default=True)
    legal = make_department(name_zh="法律服务部", name_en="Legal Services")
    members_dept = make_department(name_zh="会员部", name_en="Membership")
    with app.app_context():
        legal_cat = EnquiryCategory(name_zh="法律咨询", name_en="Legal questions",
                                    department_id=legal.id, deadline_days=5, position=1)
        policy_cat = EnquiryCategory(name_zh="政策咨询", name_en="Policy questions",
                                     department_id=general.id, deadline_days=3, position=0)
        other_cat = EnquiryCategory(name_zh="其他", name_en="Other", department_id=None,
                                    deadline_days=4, position=9)
        db.session.add_all([legal_cat, policy_cat, other_cat])
        db.session.commit()
        categories = SimpleNamespace(legal=legal_cat.id, policy=policy_cat.id,
                                     other=other_cat.id)
    first, second = make_enterprise(name_zh="青禾智能装备有限公司"), make_enterprise()
    return SimpleNamespace(
        general=general, legal=legal, membership=members_dept, categories=categories,
        lawyer=make_user(kind="staff", roles=("agent",), department=legal, name="王律师",
                         email="lawyer@example.org"),
        lawyer2=make_user(kind="staff", roles=("agent",), department=legal, name="李律师",
                          email="lawyer2@example.org"),
        clerk=make_user(kind="staff", roles=("agent",), department=general, name="陈专员",
                        email="clerk@example.org"),
        admin=make_user(kind="staff", roles=("admin",), department=general, name="周秘书长",
                        email="chief@example.org"),
        editor=make_user(kind="staff", roles=("editor",), department=general,
                         email="editor@example.org"),
        enterprise=first, other_enterprise=second,
        member=make_user(kind="member", enterprise=first, name="李明",
                         email="liming@example.com", is_primary_contact=True),
        colleague=make_user(kind="member", enterprise=first, name="赵静",
                            email="zhaojing@example.com"),
        stranger=make_user(kind="member", enterprise=second, name="Grace",
                           email="grace@example.com", language="en"),
    )


def form(**fields) -> dict:
    data = {"category_id": "", "subject": "合同纠纷咨询", "body": "请问如何处理？",
            "channel": "portal", "phone": "", "key": new_key()}
    data.update(fields)
    return data


def post_message(client, reference: str, action: str, body: str):
    """A staff client's note or reply on the enquiry's page (a new key each time)."""
    return client.post(f"/staff/enquiries/{reference}/message",
                       data={"action": action, "body": body, "key": new_key()})


def reference_of(response) -> str:
    match = re.search(r"/enquiries/(ZX-\d{4}-\d{6})", response.headers.get("Location", ""))
    assert match, response.headers.get("Location")
    return match.group(1)


@pytest.fixture
def submit(client, login):
    """submit(user, **form fields) -> reference (posted through the member form)."""

    def do_submit(user, client=client, **fields):
        login(user, client=client)
        response = client.post("/members/enquiries/new", data=form(**fields))
        assert response.status_code == 302, response.get_data(as_text=True)[:2000]
        return reference_of(response)

    return do_submit


@pytest.fixture
def enquiry(app):
    """enquiry(reference) -> the Enquiry row, read fresh."""
    from portal.enquiries.models import Enquiry

    def read(reference):
        with app.app_context():
            return db.session.scalar(select(Enquiry).where(Enquiry.reference == reference))

    return read


@pytest.fixture
def as_user(app):
    """as_user(user, service, reference, *args): run a service as the user, committed."""
    from portal.accounts.models import User
    from portal.enquiries.visibility import get_enquiry_for

    def run(user, service, reference, *args, **kwargs):
        with app.test_request_context():
            actor = db.session.get(User, user.id)
            target = get_enquiry_for(actor, reference, for_update=True)
            result = service(actor, target, *args, **kwargs)
            db.session.commit()
            return result

    return run


def outbox(app):
    """(recipient, template, subject, body_text) of every queued mail, in order."""
    from portal.mail.models import OutboxMessage

    with app.app_context():
        return [(m.recipient, m.template, m.subject, m.body_text) for m in db.session.scalars(
            select(OutboxMessage).order_by(OutboxMessage.id))]
