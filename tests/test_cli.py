"""The `flask --app portal …` commands."""

from __future__ import annotations

from sqlalchemy import func, select

from portal.accounts.models import User
from portal.departments.models import Department
from portal.enterprises.models import Enterprise
from portal.extensions import db


def test_demo_loads_the_documented_accounts(app):
    result = app.test_cli_runner().invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        emails = set(db.session.scalars(select(User.email)))
        assert {"admin@example.org", "editor@example.org", "agent@example.org",
                "agent2@example.org", "member1@example.org", "member1b@example.org",
                "member2@example.org", "suspended@example.org"} <= emails
        names = set(db.session.scalars(select(Department.name_zh)))
        assert {"综合事务部", "会员部", "法律服务部", "宣传部"} <= names
        statuses = list(db.session.scalars(select(Enterprise.status)))
        assert len(statuses) >= 3 and "suspended" in statuses
        m1 = db.session.scalars(select(User).where(User.email == "member1@example.org")).one()
        m1b = db.session.scalars(select(User).where(User.email == "member1b@example.org")).one()
        assert m1.enterprise_id == m1b.enterprise_id and m1.is_primary_contact
        assert not m1b.is_primary_contact


def test_demo_if_empty_does_not_load_twice(app):
    runner = app.test_cli_runner()
    runner.invoke(args=["demo"])
    result = runner.invoke(args=["demo", "--if-empty"])
    assert "already has content" in result.output
    with app.app_context():
        assert db.session.scalar(select(func.count(Department.id))) == 4


def test_every_demo_account_signs_in_except_the_suspended_one(app, make_client):
    app.test_cli_runner().invoke(args=["demo"])
    landing = {"admin": "/staff/", "editor": "/staff/", "agent": "/staff/", "agent2": "/staff/",
               "member1": "/members/", "member1b": "/members/", "member2": "/members/"}
    for name, where in landing.items():
        response = make_client().post("/login", data={"email": f"{name}@example.org",
                                                      "password": "portal-demo-2026"})
        assert response.headers.get("Location") == where, name
    refused = make_client().post("/login", data={"email": "suspended@example.org",
                                                 "password": "portal-demo-2026"})
    assert refused.status_code == 200
    assert "membership is suspended" in refused.get_data(as_text=True)


def test_demo_refuses_in_production(app):
    app.config["ENV"] = "production"
    result = app.test_cli_runner().invoke(args=["demo"])
    assert result.exit_code != 0
    assert "Refusing" in result.output


def test_create_user_staff(app, client, make_department):
    make_department(name_zh="宣传部", name_en="Publicity Department")
    result = app.test_cli_runner().invoke(args=[
        "create-user", "--email", "New.Editor@Example.com", "--name", "新编辑", "--kind", "staff",
        "--role", "editor", "--role", "agent", "--department", "宣传部",
        "--password", "a sound password",
    ])
    assert result.exit_code == 0, result.output
    with app.app_context():
        user = db.session.scalars(select(User).where(User.email == "new.editor@example.com")).one()
        assert user.role_set == {"editor", "agent"}
        assert user.department.name_en == "Publicity Department"
    response = client.post("/login", data={"email": "new.editor@example.com",
                                           "password": "a sound password"})
    assert response.headers["Location"] == "/staff/"


def test_create_user_member_by_credit_code(app, make_enterprise):
    ent = make_enterprise()
    result = app.test_cli_runner().invoke(args=[
        "create-user", "--email", "m@example.com", "--name", "M", "--kind", "member",
        "--enterprise", ent.credit_code.lower(), "--primary-contact",
        "--password", "a sound password",
    ])
    assert result.exit_code == 0, result.output


def test_create_user_rejects_bad_input(app, make_enterprise):
    runner = app.test_cli_runner()
    weak = runner.invoke(args=["create-user", "--email", "a@example.com", "--name", "A",
                               "--password", "password"])
    assert weak.exit_code != 0 and "too common" in weak.output
    missing = runner.invoke(args=["create-user", "--email", "a@example.com", "--name", "A",
                                  "--kind", "member", "--password", "a sound password"])
    assert missing.exit_code != 0 and "enterprise" in missing.output
    nodept = runner.invoke(args=["create-user", "--email", "a@example.com", "--name", "A",
                                 "--department", "不存在", "--password", "a sound password"])
    assert nodept.exit_code != 0
    with app.app_context():
        assert db.session.scalar(select(func.count(User.id))) == 0


def test_demo_content_is_searchable_at_once(app, client):
    app.test_cli_runner().invoke(args=["demo"])
    page = client.get("/search?q=商会").get_data(as_text=True)
    assert "<mark>商会</mark>" in page
