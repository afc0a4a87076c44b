"""LLMClient: budgets checked before sending, cost from the price table, every call logged."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fakes.llm_server import Cut, FakeLLMServer, Reply, Status

from coach_engine.config import BudgetConfig
from coach_engine.models import SessionCreate
from coach_engine.providers import pricing
from coach_engine.providers.budget import Allowance, estimate, start_of_day
from coach_engine.providers.calllog import LLMCall
from coach_engine.providers.client import LLMClient
from coach_engine.providers.offline import OfflineProvider
from coach_engine.providers.openai import OpenAIProvider
from coach_engine.providers.openai_compatible import OpenAICompatibleProvider, is_private_host
from coach_engine.providers.response import StreamResponse
from coach_engine.providers.retry import RetryPolicy
from coach_engine.providers.types import ChatMessage, ProviderCallError
from coach_engine.store import migrations
from coach_engine.store.sqlite import SQLiteStore
from prompts import load

KEY = "sk-client-test-key-XYZ"
SHORT = [ChatMessage.system("Be brief."), ChatMessage.user("Hint please.")]


async def no_sleep(_: float) -> None:
    return None


@pytest.fixture
def server() -> Iterator[FakeLLMServer]:
    with FakeLLMServer() as s:
        yield s


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SQLiteStore]:
    s = SQLiteStore.open(tmp_path / "coach.db")
    yield s
    s.close()


@pytest.fixture
def user_id(store: SQLiteStore) -> str:
    return store.default_user().id


@pytest.fixture
def session_id(store: SQLiteStore, user_id: str) -> str:
    return store.create_session(user_id, SessionCreate(problem_slug="two-sum")).id


def openai(server: FakeLLMServer, model: str = "gpt-4o-mini") -> OpenAIProvider:
    retry = RetryPolicy(sleep=no_sleep)
    return OpenAIProvider(model=model, api_key=KEY, base_url=server.openai_url, retry=retry)


def client(provider: object, store: SQLiteStore, user_id: str, **kw: object) -> LLMClient:
    return LLMClient(provider, store=store, user_id=user_id, **kw)  # type: ignore[arg-type]


# pricing ------------------------------------------------------------------------------------
def test_price_table_matches_dated_and_aliased_models_by_longest_prefix() -> None:
    assert pricing.lookup("gpt-4o-mini-2024-07-18") == pricing.OPENAI["gpt-4o-mini"]
    assert pricing.lookup("gpt-4o-2024-08-06") == pricing.OPENAI["gpt-4o"]
    assert pricing.lookup("o1-mini") == pricing.OPENAI["o1-mini"]
    assert pricing.lookup("claude-3-5-haiku-latest") == pricing.ANTHROPIC["claude-3-5-haiku"]
    assert pricing.lookup("gpt-4oo") is None  # prefixes match whole dash-separated parts
    assert pricing.lookup("llama3.1") is None


def test_local_is_free_and_unknown_hosted_is_priced_conservatively() -> None:
    assert pricing.price_for("gpt-4o", local=True) == pricing.FREE
    unknown = pricing.price_for("mystery-model-9000", local=False)
    assert not unknown.known
    dearest_mainstream = max(p.output_per_m for p in pricing.TABLE.values() if p.output_per_m < 30)
    assert unknown.output_per_m >= dearest_mainstream
    assert pricing.Price(2.5, 10.0).cost(1_000_000, 100_000) == pytest.approx(3.5)


def test_private_hosts_are_local() -> None:
    for host in (
        "127.0.0.1",
        "localhost",
        "192.168.1.20",
        "10.0.0.5",
        "gpu-box",
        "[::1]",
        "a.local",
    ):
        assert is_private_host(host), host
    for host in ("api.together.xyz", "8.8.8.8", "openrouter.ai"):
        assert not is_private_host(host), host


# logging ------------------------------------------------------------------------------------
async def test_completed_call_is_logged_with_tokens_cost_and_prompt(
    server: FakeLLMServer, store: SQLiteStore, user_id: str, session_id: str
) -> None:
    server.enqueue(Reply("Think about complements.", input_tokens=1000, output_tokens=500))
    prompt = load("hint")
    llm = client(openai(server), store, user_id, session_id=session_id)
    completion = await llm.complete(SHORT, prompt=prompt, options={"max_tokens": 300})

    expected = (1000 * 0.15 + 500 * 0.60) / 1_000_000
    assert completion.cost_usd == pytest.approx(expected)
    [call] = store.list_llm_calls(user_id)
    assert call.id == completion.call_id
    assert (call.provider, call.model, call.outcome) == ("openai", "gpt-4o-mini", "ok")
    assert (call.prompt_id, call.prompt_version) == ("hint", "1")
    assert (call.input_tokens, call.output_tokens, call.tokens_estimated) == (1000, 500, False)
    assert call.cost_usd == pytest.approx(expected) and call.cost_known
    assert call.session_id == session_id and call.attempts == 1 and not call.streamed
    assert call.options == {"max_tokens": 300}
    assert call.latency_ms >= 0
    assert store.llm_cost_since(user_id, start_of_day()) == pytest.approx(expected)


async def test_stream_is_logged_once_when_it_ends(
    server: FakeLLMServer, store: SQLiteStore, user_id: str
) -> None:
    server.enqueue(Reply("one two three", input_tokens=10, output_tokens=3))
    response = await client(openai(server), store, user_id).stream(SHORT)
    assert server.requests == []  # nothing sent before iterating
    [held] = store.list_llm_calls(user_id)  # but the row is there, holding the estimate
    assert held.outcome == "pending" and held.cost_usd > 0
    assert [c async for c in response] == ["one ", "two ", "three"]
    [call] = store.list_llm_calls(user_id)
    assert call.id == held.id == response.call_id  # the same row, settled
    assert call.streamed and call.outcome == "ok" and call.output_tokens == 3
    assert call.cost_usd == pytest.approx(pricing.OPENAI["gpt-4o-mini"].cost(10, 3))
    assert call.first_token_ms is not None


async def test_failed_call_is_logged_with_its_kind_and_no_cost(
    server: FakeLLMServer, store: SQLiteStore, user_id: str
) -> None:
    server.enqueue(Status(500), Status(500), Status(500))
    with pytest.raises(ProviderCallError):
        await client(openai(server), store, user_id).complete(SHORT)
    [call] = store.list_llm_calls(user_id)
    assert (call.outcome, call.attempts, call.cost_usd) == ("server_error", 3, 0.0)
    assert call.error_message and "HTTP 500" in call.error_message


async def test_cut_stream_is_logged_with_an_estimated_cost(
    server: FakeLLMServer, store: SQLiteStore, user_id: str
) -> None:
    server.enqueue(Cut(before=2, reply=Reply(chunks=["x" * 400, "y" * 400, "z"])))
    with pytest.raises(ProviderCallError):
        async for _ in await client(openai(server, "gpt-4o"), store, user_id).stream(SHORT):
            pass
    [call] = store.list_llm_calls(user_id)
    assert call.outcome == "stream_cut" and call.tokens_estimated
    assert call.output_tokens == 200 and call.cost_usd > 0


async def test_abandoned_stream_is_logged_as_cancelled(
    server: FakeLLMServer, store: SQLiteStore, user_id: str
) -> None:
    server.enqueue(Reply("a b c d e f"))
    async with await client(openai(server), store, user_id).stream(SHORT) as response:
        async for _ in response:
            break
    [call] = store.list_llm_calls(user_id)
    assert call.outcome == "cancelled"


async def test_log_rows_hold_no_prompt_text_or_key(
    server: FakeLLMServer, store: SQLiteStore, user_id: str
) -> None:
    secret_prompt = [ChatMessage.user("my code: password='hunter2'")]
    await client(openai(server), store, user_id).complete(secret_prompt)
    rows = store.db.conn.execute("SELECT * FROM llm_calls").fetchall()
    dumped = json.dumps(rows)
    assert "hunter2" not in dumped and KEY not in dumped


# budgets ------------------------------------------------------------------------------------
async def test_per_feedback_budget_refuses_before_anything_is_sent(
    server: FakeLLMServer, store: SQLiteStore, user_id: str
) -> None:
    big = [ChatMessage.user("x" * 40_000)]  # ≈10k tokens on gpt-4o ≈ $0.025 + output
    allowance = Allowance(limit_usd=0.01)
    llm = client(openai(server, "gpt-4o"), store, user_id)
    with pytest.raises(ProviderCallError) as info:
        await llm.complete(big, allowance=allowance)
    assert info.value.title == "Budget exceeded" and info.value.kind == "budget"
    assert "coach config set budget.per_feedback_usd" in info.value.message
    assert server.requests == []
    [call] = store.list_llm_calls(user_id)
    assert call.outcome == "budget" and call.cost_usd == 0


async def test_allowance_accumulates_across_the_calls_of_one_feedback(
    server: FakeLLMServer, store: SQLiteStore, user_id: str
) -> None:
    server.enqueue(*[Reply(input_tokens=2000, output_tokens=1000)] * 3)
    price = pricing.OPENAI["gpt-4o"]
    per_call_estimate = estimate(SHORT, 1000, price).usd
    per_call_actual = price.cost(2000, 1000)
    allowance = Allowance(limit_usd=2 * per_call_actual + per_call_estimate - 1e-6)
    llm = client(openai(server, "gpt-4o"), store, user_id)
    await llm.complete(SHORT, allowance=allowance, options={"max_tokens": 1000})
    await llm.complete(SHORT, allowance=allowance, options={"max_tokens": 1000})
    assert allowance.spent_usd == pytest.approx(2 * per_call_actual)
    with pytest.raises(ProviderCallError, match="per-feedback"):
        await llm.complete(SHORT, allowance=allowance, options={"max_tokens": 1000})
    assert len(server.requests) == 2


async def test_daily_budget_counts_today_only_and_refuses_before_sending(
    server: FakeLLMServer, store: SQLiteStore, user_id: str
) -> None:
    now = datetime.now(UTC)
    store.add_llm_call(
        LLMCall(
            user_id=user_id,
            provider="openai",
            model="gpt-4o",
            cost_usd=5.0,
            created_at=now - timedelta(days=2),
        )
    )
    llm = client(openai(server, "gpt-4o"), store, user_id, budget=BudgetConfig(per_day_usd=1.0))
    await llm.complete(SHORT)  # yesterday's spending does not count
    store.add_llm_call(LLMCall(user_id=user_id, provider="openai", model="gpt-4o", cost_usd=0.995))
    with pytest.raises(ProviderCallError) as info:
        await llm.complete(SHORT)
    assert info.value.title == "Budget exceeded"
    assert "budget.per_day_usd" in info.value.message and "offline" in info.value.message
    assert len(server.requests) == 1


async def test_other_users_spending_is_not_counted(
    server: FakeLLMServer, store: SQLiteStore, user_id: str
) -> None:
    from coach_engine.models import User

    other = store.create_user(User(full_name="Other", email="o@example.com"))
    store.add_llm_call(LLMCall(user_id=other.id, provider="openai", model="gpt-4o", cost_usd=9))
    assert store.llm_cost_since(user_id, start_of_day()) == 0
    assert store.llm_cost_since(other.id, start_of_day()) == 9


async def test_free_models_are_never_refused(
    server: FakeLLMServer, store: SQLiteStore, user_id: str
) -> None:
    local = OpenAICompatibleProvider(base_url=server.openai_url, model="llama3.1")
    llm = client(local, store, user_id, budget=BudgetConfig(per_day_usd=0, per_feedback_usd=0))
    await llm.complete(SHORT, allowance=Allowance(limit_usd=0))
    offline = client(
        OfflineProvider(lambda m: "fine"), store, user_id, budget=BudgetConfig(per_day_usd=0)
    )
    assert (await offline.complete(SHORT)).text == "fine"
    assert [c.cost_usd for c in store.list_llm_calls(user_id)] == [0.0, 0.0]


async def test_unknown_hosted_model_is_logged_as_cost_unknown(
    server: FakeLLMServer, store: SQLiteStore, user_id: str
) -> None:
    await client(openai(server, "gpt-99-preview"), store, user_id).complete(SHORT)
    [call] = store.list_llm_calls(user_id)
    assert not call.cost_known and call.cost_usd > 0


# store ----------------------------------------------------------------------------------------
def test_spending_survives_session_deletion_but_not_user_deletion(
    store: SQLiteStore, user_id: str, session_id: str
) -> None:
    store.add_llm_call(
        LLMCall(
            user_id=user_id, session_id=session_id, provider="openai", model="gpt-4o", cost_usd=0.5
        )
    )
    store.delete_session(user_id, session_id)
    [call] = store.list_llm_calls(user_id)
    assert call.session_id is None
    assert store.llm_cost_since(user_id, start_of_day()) == 0.5
    store.delete_user_data(user_id)
    assert store.db.conn.execute("SELECT count(*) FROM llm_calls").fetchone()[0] == 0


def test_llm_calls_migration_applies_to_an_older_database(tmp_path: Path) -> None:
    from coach_engine.store.database import Database

    db = Database(tmp_path / "old.db")
    migrations.migrate(db, stop_after="m003_seed_rubrics_and_skills")
    assert "llm_calls" not in db.table_names()
    db.conn.close()
    store = SQLiteStore.open(tmp_path / "old.db")
    assert "llm_calls" in store.db.table_names()
    assert "m004_llm_calls" in migrations.applied(store.db)
    store.close()


async def test_stream_budget_refusal_happens_at_the_call_not_mid_stream(
    server: FakeLLMServer, store: SQLiteStore, user_id: str
) -> None:
    llm = client(openai(server, "o1"), store, user_id, budget=BudgetConfig(per_day_usd=0.01))
    with pytest.raises(ProviderCallError, match="daily|today"):
        await llm.stream(SHORT, options={"max_tokens": 4000})  # raises before a stream exists
    assert server.requests == []
    [refused] = store.list_llm_calls(user_id)
    assert (refused.outcome, refused.cost_usd) == ("budget", 0)


# concurrent calls ---------------------------------------------------------------------------
async def test_two_calls_at_once_cannot_both_pass_a_daily_budget_only_one_fits(
    server: FakeLLMServer, store: SQLiteStore, user_id: str
) -> None:
    est = estimate(SHORT, 1000, pricing.OPENAI["gpt-4o"]).usd
    llm = client(
        openai(server, "gpt-4o"), store, user_id, budget=BudgetConfig(per_day_usd=1.5 * est)
    )
    server.enqueue(Reply("one", input_tokens=20, output_tokens=5))
    results = await asyncio.gather(
        llm.complete(SHORT, options={"max_tokens": 1000}),
        llm.complete(SHORT, options={"max_tokens": 1000}),
        return_exceptions=True,
    )
    refused = [r for r in results if isinstance(r, ProviderCallError)]
    assert len(refused) == 1 and refused[0].kind == "budget"
    assert len([r for r in server.requests if r.method == "POST"]) == 1
    outcomes = sorted(c.outcome for c in store.list_llm_calls(user_id))
    assert outcomes == ["budget", "ok"]
    # settled at what it cost, the reservation frees the rest of the day's budget
    spent = store.llm_cost_since(user_id, start_of_day())
    assert spent == pytest.approx(pricing.OPENAI["gpt-4o"].cost(20, 5))


async def test_two_calls_at_once_cannot_both_pass_a_feedback_allowance_only_one_fits(
    server: FakeLLMServer, store: SQLiteStore, user_id: str
) -> None:
    est = estimate(SHORT, 1000, pricing.OPENAI["gpt-4o"]).usd
    allowance = Allowance(limit_usd=1.5 * est)
    llm = client(openai(server, "gpt-4o"), store, user_id)
    results = await asyncio.gather(
        llm.complete(SHORT, allowance=allowance, options={"max_tokens": 1000}),
        llm.complete(SHORT, allowance=allowance, options={"max_tokens": 1000}),
        return_exceptions=True,
    )
    assert sum(isinstance(r, ProviderCallError) for r in results) == 1
    assert len([r for r in server.requests if r.method == "POST"]) == 1
    assert allowance.held_usd == 0 and 0 < allowance.spent_usd < est


async def test_a_call_that_never_starts_leaves_no_pending_row(
    store: SQLiteStore, user_id: str
) -> None:
    class Broken(OfflineProvider):
        def start(self, *args: object, **kw: object) -> StreamResponse:
            raise RuntimeError("could not open a connection")

    llm = client(Broken(lambda m: "x"), store, user_id)
    with pytest.raises(RuntimeError):
        await llm.complete(SHORT)
    [call] = store.list_llm_calls(user_id)
    assert (call.outcome, call.cost_usd) == ("error", 0)


async def test_a_call_abandoned_while_its_row_is_written_is_settled_as_cancelled(
    server: FakeLLMServer, store: SQLiteStore, user_id: str
) -> None:
    llm = client(openai(server, "gpt-4o"), store, user_id)
    task = asyncio.create_task(llm.complete(SHORT))
    await asyncio.sleep(0)  # the call is now waiting for its reservation (a store thread)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    for _ in range(500):  # the reservation and its settlement finish in the background
        calls = await asyncio.to_thread(store.list_llm_calls, user_id)
        if calls and calls[0].outcome != "pending":
            break
        await asyncio.sleep(0.01)
    [call] = calls
    assert (call.outcome, call.cost_usd) == ("cancelled", 0)  # the estimate no longer counts
    assert server.requests == []
