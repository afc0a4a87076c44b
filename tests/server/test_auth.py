"""Accounts and tokens through a real server: sign up, sign in, refresh rotation and reuse,
logout, and every way an access token can be bad (expired, forged, revoked, malformed)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import jwt
from server_support import PASSWORD, SECRET, error_code, signup


def test_signup_signin_me(client: httpx.Client) -> None:
    user = signup(client, "ada")
    me = client.get("/auth/me", headers=user.auth)
    assert me.status_code == 200 and me.json() == {
        "id": user.id,
        "email": user.email,
        "full_name": "ada",
    }
    signed = client.post("/auth/signin", json={"email": user.email.upper(), "password": PASSWORD})
    assert signed.status_code == 200, signed.text
    body = signed.json()
    assert body["user"]["id"] == user.id and body["token_type"] == "bearer"
    assert body["expires_in"] == 30 * 60
    claims = jwt.decode(body["access_token"], SECRET, algorithms=["HS256"])
    assert claims["exp"] - claims["iat"] == 30 * 60
    again = client.get("/auth/me", headers={"Authorization": f"Bearer {body['access_token']}"})
    assert again.json()["id"] == user.id


def test_signup_refuses_a_taken_email_and_bad_input(client: httpx.Client) -> None:
    user = signup(client)
    taken = client.post("/auth/signup", json={"email": user.email, "password": PASSWORD})
    assert taken.status_code == 400 and error_code(taken) == "invalid_input"
    assert "already registered" in taken.text
    short = client.post("/auth/signup", json={"email": "x@example.com", "password": "short"})
    assert short.status_code == 422 and error_code(short) == "invalid_input"
    assert "password" in short.json()["error"]["fix"]
    terms = client.post(
        "/auth/signup",
        json={"email": "t@example.com", "password": PASSWORD, "agree_to_terms": False},
    )
    assert terms.status_code == 400 and error_code(terms) == "terms_not_accepted"


def test_wrong_password_and_unknown_email_look_the_same(client: httpx.Client) -> None:
    user = signup(client)
    wrong = client.post("/auth/signin", json={"email": user.email, "password": "not it at all"})
    unknown = client.post("/auth/signin", json={"email": "nobody@example.com", "password": "x"})
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json()
    assert error_code(wrong) == "invalid_credentials"


def test_refresh_rotates_and_a_reused_token_revokes_the_sign_in(client: httpx.Client) -> None:
    user = signup(client)
    first = client.post("/auth/refresh", headers={"Authorization": f"Bearer {user.refresh}"})
    assert first.status_code == 200, first.text
    rotated = first.json()
    assert rotated["refresh_token"] != user.refresh
    new_auth = {"Authorization": f"Bearer {rotated['access_token']}"}
    assert client.get("/auth/me", headers=new_auth).status_code == 200
    # the spent token comes back (stolen, replayed): the whole family is revoked
    reused = client.post("/auth/refresh", json={"refresh_token": user.refresh})
    assert reused.status_code == 401 and "already used" in reused.json()["error"]["message"]
    assert client.get("/auth/me", headers=new_auth).status_code == 401
    assert client.get("/auth/me", headers=user.auth).status_code == 401
    late = client.post("/auth/refresh", json={"refresh_token": rotated["refresh_token"]})
    assert late.status_code == 401
    # another sign-in of the same user is untouched
    fresh = client.post("/auth/signin", json={"email": user.email, "password": PASSWORD}).json()
    ok = client.get("/auth/me", headers={"Authorization": f"Bearer {fresh['access_token']}"})
    assert ok.status_code == 200


def test_logout_revokes_access_and_refresh_tokens(client: httpx.Client) -> None:
    user = signup(client)
    assert client.post("/auth/logout", headers=user.auth).status_code == 204
    gone = client.get("/auth/me", headers=user.auth)
    assert gone.status_code == 401 and "revoked" in gone.json()["error"]["message"]
    assert gone.headers["www-authenticate"] == "Bearer"
    refused = client.post("/auth/refresh", json={"refresh_token": user.refresh})
    assert refused.status_code == 401 and "revoked" in refused.json()["error"]["message"]


def test_expired_forged_and_malformed_tokens(client: httpx.Client) -> None:
    user = signup(client)
    claims = jwt.decode(user.access, SECRET, algorithms=["HS256"])
    past = datetime.now(UTC) - timedelta(minutes=31)
    expired = jwt.encode(
        {**claims, "iat": past, "exp": past + timedelta(minutes=30)}, SECRET, algorithm="HS256"
    )
    forged = jwt.encode(claims, "another-secret-" + "y" * 40, algorithm="HS256")
    unsigned = jwt.encode(claims, None, algorithm="none")
    other_user = jwt.encode({**claims, "sub": "f" * 32}, SECRET, algorithm="HS256")
    cases = {
        expired: "expired",
        forged: "signature",
        unsigned: "malformed",
        "not.a.jwt": "malformed",
        other_user: "revoked",  # a family that was never this user's
    }
    for token, word in cases.items():
        reply = client.get("/auth/me", headers={"Authorization": f"Bearer {token}"})
        assert reply.status_code == 401 and error_code(reply) == "unauthorized", token
        assert word in reply.json()["error"]["message"], (word, reply.text)
    assert client.get("/auth/me").status_code == 401
    as_refresh = client.post("/auth/refresh", json={"refresh_token": user.access})
    assert as_refresh.status_code == 401  # an access token is not a refresh token


def test_documents_and_errors_are_json(client: httpx.Client) -> None:
    spec = client.get("/openapi.json").json()
    paths = spec["paths"]
    for path in (
        "/api/v1/auth/signup",
        "/api/v1/sessions/{session_id}/run",
        "/api/v1/feedback/{feedback_id}/result",
        "/api/v1/drills/{drill_id}/hints",
        "/api/v1/dashboard/stats",
        "/api/v1/me/export",
    ):
        assert path in paths, path
    schema = client.get("/events.schema.json").json()
    assert "ai_token" in str(schema["discriminator"]["mapping"])
    missing = client.get("/no/such/route")
    assert missing.status_code == 404 and error_code(missing) == "not_found"
    broken = client.post(
        "/auth/signin", content=b'{"email": ', headers={"Content-Type": "application/json"}
    )
    assert broken.status_code == 422 and error_code(broken) == "invalid_input"
    preflight = client.options(
        "/auth/me",
        headers={"Origin": "https://site.example", "Access-Control-Request-Method": "GET"},
    )
    assert "access-control-allow-origin" not in preflight.headers  # CORS is off by default
    wrong_method = client.delete("/auth/me")
    assert wrong_method.status_code == 405 and error_code(wrong_method) == "method_not_allowed"


def test_oversized_body_is_refused_before_it_is_read(client: httpx.Client) -> None:
    user = signup(client)
    huge = b'{"content": "' + b"x" * (1024 * 1024 + 10) + b'"}'
    sized = client.post(
        "/sessions/abc/messages",
        content=huge,
        headers={**user.auth, "Content-Type": "application/json"},
    )
    assert sized.status_code == 413 and error_code(sized) == "body_too_large"

    def chunks() -> object:  # no Content-Length: counted as it streams
        for _ in range(20):
            yield b"x" * 65536

    streamed = client.post(
        "/auth/signin", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert streamed.status_code == 413 and error_code(streamed) == "body_too_large"


def test_password_guessing_is_throttled_per_email(client: httpx.Client) -> None:
    user, other = signup(client), signup(client)
    for _ in range(10):
        wrong = client.post("/auth/signin", json={"email": user.email, "password": "guess"})
        assert wrong.status_code == 401
    right = client.post("/auth/signin", json={"email": user.email, "password": PASSWORD})
    assert right.status_code == 429 and error_code(right) == "rate_limited"
    assert 0 < int(right.headers["retry-after"]) <= 900
    assert client.get("/auth/me", headers=user.auth).status_code == 200  # signed-in tokens work
    fine = client.post("/auth/signin", json={"email": other.email, "password": PASSWORD})
    assert fine.status_code == 200
