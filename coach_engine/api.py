"""Coach's public engine API: the only module the TUI, the CLI and the server import.

Everything a front end needs — the ``Engine`` and its per-user services, the models it passes in
and gets back, the typed events, the errors it catches, and the few constants a screen shows —
is named here. Front ends never import ``coach_engine.store`` or any other internal module;
import-linter enforces that (``pyproject.toml``).

Names are resolved lazily (PEP 562): ``coach --version`` must not pay for pydantic models, the
problem bank or the sandbox, so importing this module costs nothing until a name is used. Type
checkers see the real imports through ``TYPE_CHECKING``.

To publish a name, add it to ``_EXPORTS`` (name → defining module) and to the ``TYPE_CHECKING``
block (as ``from module import Name as Name``, sorted: ruff keeps one line per module);
``tests/test_import_hygiene.py`` checks that the two agree and that every name resolves.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    # ``Name as Name``: an explicit re-export, so ``from coach_engine.api import Name`` type-checks
    from coach_engine.account import Account as Account, DeletedData as DeletedData
    from coach_engine.clock import WARNING_LEFT_S as WARNING_LEFT_S
    from coach_engine.config import (
        SettingInfo as SettingInfo,
        describe_settings as describe_settings,
    )
    from coach_engine.controls import (
        escape_controls as escape_controls,
        escape_json_c1 as escape_json_c1,
        install_control_escapes as install_control_escapes,
    )
    from coach_engine.credentials import (
        Credentials as Credentials,
        server_secret as server_secret,
    )
    from coach_engine.custom_input import (
        CheckedInput as CheckedInput,
        CustomInput as CustomInput,
        CustomRun as CustomRun,
        ProgramOutput as ProgramOutput,
        mismatch as mismatch,
        shown_value as shown_value,
    )
    from coach_engine.dashboard.clock import resolve_tz as resolve_tz
    from coach_engine.dashboard.models import (
        Dashboard as Dashboard,
        GoalView as GoalView,
        ScorePoint as ScorePoint,
        SkillView as SkillView,
    )
    from coach_engine.dashboard.service import dashboard as dashboard
    from coach_engine.drills.service import DrillOutcome as DrillOutcome
    from coach_engine.engine import Engine as Engine, UserEngine as UserEngine
    from coach_engine.errors import (
        CoachError as CoachError,
        ConfigError as ConfigError,
        LifecycleError as LifecycleError,
        NotFoundError as NotFoundError,
        ProblemError as ProblemError,
        ProviderError as ProviderError,
        SandboxError as SandboxError,
        StoreError as StoreError,
        ValidationError as ValidationError,
    )
    from coach_engine.events import (
        EVENT_NAMES as EVENT_NAMES,
        AiMessageCompleteEvent as AiMessageCompleteEvent,
        AiTokenEvent as AiTokenEvent,
        CodeResultEvent as CodeResultEvent,
        ConnectionQualityEvent as ConnectionQualityEvent,
        ConnectionStateEvent as ConnectionStateEvent,
        ErrorEvent as ErrorEvent,
        Event as Event,
        EventBase as EventBase,
        FeedbackEvent as FeedbackEvent,
        InterviewHintEvent as InterviewHintEvent,
        RunQueuedEvent as RunQueuedEvent,
        SessionStatusEvent as SessionStatusEvent,
        SilenceNudgeEvent as SilenceNudgeEvent,
        Subscription as Subscription,
        TimeUpEvent as TimeUpEvent,
        TimeWarningEvent as TimeWarningEvent,
        event_json_schema as event_json_schema,
        parse_event as parse_event,
    )
    from coach_engine.export import (
        FORMATS as FORMATS,
        export_packet as export_packet,
        render_packet as render_packet,
        save_packet as save_packet,
        session_markdown as session_markdown,
    )
    from coach_engine.feedback_service import Review as Review, SolutionFeedback as SolutionFeedback
    from coach_engine.feedback_text import (
        complexity_markdown as complexity_markdown,
        criterion_reasons as criterion_reasons,
        details_once as details_once,
    )
    from coach_engine.goals import (
        WeeklyGoal as WeeklyGoal,
        add_goal as add_goal,
        remove_goal as remove_goal,
        set_goal as set_goal,
        week_goals as week_goals,
    )
    from coach_engine.health import health_checks as health_checks
    from coach_engine.inputs import (
        MAX_ANSWER_BYTES as MAX_ANSWER_BYTES,
        MAX_SOURCE_BYTES as MAX_SOURCE_BYTES,
        MAX_TRANSCRIPT_BYTES as MAX_TRANSCRIPT_BYTES,
        read_stream as read_stream,
        read_text_file as read_text_file,
    )
    from coach_engine.interview import RevealOffer as RevealOffer
    from coach_engine.interviewer.base import HINT_LEVELS as HINT_LEVELS
    from coach_engine.interviews import (
        EditorCode as EditorCode,
        Interviews as Interviews,
        SessionSummary as SessionSummary,
    )
    from coach_engine.judge.costs import REVEAL_PRICE as REVEAL_PRICE
    from coach_engine.listing_reader import (
        DrillRow as DrillRow,
        SessionRow as SessionRow,
        SessionRowPage as SessionRowPage,
        list_drill_rows as list_drill_rows,
        list_session_rows as list_session_rows,
    )
    from coach_engine.models import (
        CodeRun as CodeRun,
        CodeSnapshot as CodeSnapshot,
        ContentType as ContentType,
        Difficulty as Difficulty,
        Drill as Drill,
        DrillStatus as DrillStatus,
        DrillType as DrillType,
        FeedbackRun as FeedbackRun,
        FeedbackStatus as FeedbackStatus,
        InterviewKind as InterviewKind,
        InterviewSession as InterviewSession,
        Message as Message,
        Note as Note,
        Page as Page,
        Role as Role,
        SessionStatus as SessionStatus,
        SnapshotReason as SnapshotReason,
        TestOutcome as TestOutcome,
        User as User,
        utcnow as utcnow,
    )
    from coach_engine.problem_catalog import (
        SORT_LABELS as SORT_LABELS,
        SORTS as SORTS,
        ProblemListing as ProblemListing,
        ProblemStats as ProblemStats,
        ProblemSummary as ProblemSummary,
        check_sort as check_sort,
        list_problems as list_problems,
        search_problems as search_problems,
        sort_problems as sort_problems,
    )
    from coach_engine.problem_choice import ProblemFilter as ProblemFilter
    from coach_engine.problem_packs import (
        import_problems as import_problems,
        validate_problems as validate_problems,
    )
    from coach_engine.problems import (
        DIFFICULTIES as DIFFICULTIES,
        TAGS as TAGS,
        Problem as Problem,
        ProblemBank as ProblemBank,
    )
    from coach_engine.problems.testcase_input import TestcaseInputError as TestcaseInputError
    from coach_engine.protocol_state import (
        FINISHED as FINISHED,
        LIVE as LIVE,
        STEPS as STEPS,
        SessionView as SessionView,
    )
    from coach_engine.remote.auth import (
        NotSignedIn as NotSignedIn,
        normalize_server as normalize_server,
    )
    from coach_engine.remote.engine import RemoteEngine as RemoteEngine
    from coach_engine.remote.http import (
        RemoteError as RemoteError,
        ServerUnreachable as ServerUnreachable,
    )
    from coach_engine.remote.signin import sign_in as sign_in, sign_out as sign_out
    from coach_engine.run_queue import RunQueueFull as RunQueueFull
    from coach_engine.run_report import (
        Difference as Difference,
        compile_message as compile_message,
        first_difference as first_difference,
        test_number as test_number,
        test_ran as test_ran,
        time_limit_ms as time_limit_ms,
        time_text as time_text,
        value_text as value_text,
        verdict_counts_text as verdict_counts_text,
    )
    from coach_engine.settings_access import (
        config_path as config_path,
        get_setting as get_setting,
        list_settings as list_settings,
        set_setting as set_setting,
    )
    from coach_engine.solution_files import (
        FileState as FileState,
        UnsavedWork as UnsavedWork,
        external_edit_path as external_edit_path,
        file_state as file_state,
        newer_than as newer_than,
        solution_path as solution_path,
        write_solution as write_solution,
    )
    from coach_engine.solution_runs import (
        language_of as language_of,
        resolve_backend as resolve_backend,
        run_custom_input as run_custom_input,
        run_solution as run_solution,
    )
    from coach_engine.submissions import Submission as Submission
    from coach_engine.system_errors import to_coach_error as to_coach_error

_EXPORTS: dict[str, str] = {
    # the facade
    "Engine": "coach_engine.engine",
    "UserEngine": "coach_engine.engine",
    # listings as plain rows, read without pydantic when that gives the same answer (CLI start-up)
    "DrillRow": "coach_engine.listing_reader",
    "SessionRow": "coach_engine.listing_reader",
    "SessionRowPage": "coach_engine.listing_reader",
    "list_drill_rows": "coach_engine.listing_reader",
    "list_session_rows": "coach_engine.listing_reader",
    # errors a front end catches (each carries a message that names the fix)
    "CoachError": "coach_engine.errors",
    "ConfigError": "coach_engine.errors",
    "LifecycleError": "coach_engine.errors",
    "ProviderError": "coach_engine.errors",
    "ValidationError": "coach_engine.errors",
    # events: one pydantic model per name (``Event`` is their union), the WebSocket JSON form
    # ``event.to_json()`` / ``parse_event(text)``; schema in docs/events.schema.json
    "Event": "coach_engine.events",
    "EventBase": "coach_engine.events",
    "EVENT_NAMES": "coach_engine.events",
    "parse_event": "coach_engine.events",
    "Subscription": "coach_engine.events",
    "AiTokenEvent": "coach_engine.events",
    "AiMessageCompleteEvent": "coach_engine.events",
    "CodeResultEvent": "coach_engine.events",
    "FeedbackEvent": "coach_engine.events",
    "InterviewHintEvent": "coach_engine.events",
    "SessionStatusEvent": "coach_engine.events",
    "ConnectionQualityEvent": "coach_engine.events",
    "ConnectionStateEvent": "coach_engine.events",
    "ErrorEvent": "coach_engine.events",
    "RunQueuedEvent": "coach_engine.events",
    "RunQueueFull": "coach_engine.run_queue",
    "SilenceNudgeEvent": "coach_engine.events",
    "TimeWarningEvent": "coach_engine.events",
    "TimeUpEvent": "coach_engine.events",
    # interview flows a front end drives (start, open, leave, switch language, end, summary)
    "Interviews": "coach_engine.interviews",
    "EditorCode": "coach_engine.interviews",
    "SessionSummary": "coach_engine.interviews",
    "RevealOffer": "coach_engine.interview",
    "ProblemFilter": "coach_engine.problem_choice",
    # where an interview stands (protocol step, submitted, feedback status)
    "SessionView": "coach_engine.protocol_state",
    "STEPS": "coach_engine.protocol_state",
    "FINISHED": "coach_engine.protocol_state",
    "LIVE": "coach_engine.protocol_state",
    # a session's submissions (``engine.interview.submissions``) and what a reveal costs
    "Submission": "coach_engine.submissions",
    "REVEAL_PRICE": "coach_engine.judge.costs",
    # more errors a front end tells apart
    "NotFoundError": "coach_engine.errors",
    "SandboxError": "coach_engine.errors",
    "StoreError": "coach_engine.errors",
    "to_coach_error": "coach_engine.system_errors",
    # models passed in and out
    "CodeRun": "coach_engine.models",
    "ContentType": "coach_engine.models",
    "Difficulty": "coach_engine.models",
    "Drill": "coach_engine.models",
    "DrillStatus": "coach_engine.models",
    "DrillType": "coach_engine.models",
    "FeedbackRun": "coach_engine.models",
    "FeedbackStatus": "coach_engine.models",
    "InterviewKind": "coach_engine.models",
    "InterviewSession": "coach_engine.models",
    "Message": "coach_engine.models",
    "Note": "coach_engine.models",
    "Role": "coach_engine.models",
    "SessionStatus": "coach_engine.models",
    "SnapshotReason": "coach_engine.models",
    "TestOutcome": "coach_engine.models",
    "utcnow": "coach_engine.models",
    "DrillOutcome": "coach_engine.drills.service",
    "Problem": "coach_engine.problems",
    "DIFFICULTIES": "coach_engine.problems",
    "TAGS": "coach_engine.problems",
    # the dashboard, as data (each front end renders it)
    "dashboard": "coach_engine.dashboard.service",
    "Dashboard": "coach_engine.dashboard.models",
    "GoalView": "coach_engine.dashboard.models",
    # constants a screen shows
    "HINT_LEVELS": "coach_engine.interviewer.base",
    "WARNING_LEFT_S": "coach_engine.clock",
    # terminal safety: control characters in shown text are escaped, not obeyed
    "install_control_escapes": "coach_engine.controls",
    "escape_controls": "coach_engine.controls",
    "escape_json_c1": "coach_engine.controls",
    # services behind the CLI's commands (a server calls the same) -----------------------------
    # a person's data as a whole: `coach delete --all` (engine.account)
    "Account": "coach_engine.account",
    "DeletedData": "coach_engine.account",
    # a solution file: its language, the sandbox backend policy, a run (`coach run`)
    "language_of": "coach_engine.solution_runs",
    "resolve_backend": "coach_engine.solution_runs",
    "run_solution": "coach_engine.solution_runs",
    # custom test input: `coach run --input`, the TUI's testcase box (engine.custom_input)
    "run_custom_input": "coach_engine.solution_runs",
    "CustomInput": "coach_engine.custom_input",
    "CustomRun": "coach_engine.custom_input",
    "CheckedInput": "coach_engine.custom_input",
    "ProgramOutput": "coach_engine.custom_input",
    "shown_value": "coach_engine.custom_input",
    "mismatch": "coach_engine.custom_input",
    "TestcaseInputError": "coach_engine.problems.testcase_input",
    # the solution as a file: `coach interview --watch` and the $EDITOR round trip
    "FileState": "coach_engine.solution_files",
    "UnsavedWork": "coach_engine.solution_files",
    "external_edit_path": "coach_engine.solution_files",
    "file_state": "coach_engine.solution_files",
    "newer_than": "coach_engine.solution_files",
    "solution_path": "coach_engine.solution_files",
    "write_solution": "coach_engine.solution_files",
    # measured feedback on a solution + narrative (`coach feedback`; engine.solution_feedback)
    "SolutionFeedback": "coach_engine.feedback_service",
    "Review": "coach_engine.feedback_service",
    # reading a person's input files and streams, with size limits
    "read_text_file": "coach_engine.inputs",
    "read_stream": "coach_engine.inputs",
    "MAX_SOURCE_BYTES": "coach_engine.inputs",
    "MAX_ANSWER_BYTES": "coach_engine.inputs",
    "MAX_TRANSCRIPT_BYTES": "coach_engine.inputs",
    # the problem bank and packs (`coach problems`)
    "ProblemBank": "coach_engine.problems",
    "list_problems": "coach_engine.problem_catalog",
    "ProblemSummary": "coach_engine.problem_catalog",
    "ProblemListing": "coach_engine.problem_catalog",
    "ProblemStats": "coach_engine.problem_catalog",
    "SORTS": "coach_engine.problem_catalog",
    "SORT_LABELS": "coach_engine.problem_catalog",
    "check_sort": "coach_engine.problem_catalog",
    "search_problems": "coach_engine.problem_catalog",
    "sort_problems": "coach_engine.problem_catalog",
    "validate_problems": "coach_engine.problem_packs",
    "import_problems": "coach_engine.problem_packs",
    # health of this machine (`coach doctor`)
    "health_checks": "coach_engine.health",
    # settings by dotted key (`coach config`)
    "config_path": "coach_engine.settings_access",
    "get_setting": "coach_engine.settings_access",
    "set_setting": "coach_engine.settings_access",
    "list_settings": "coach_engine.settings_access",
    # every setting with its value, source (default, config.toml, a variable) and schema
    "SettingInfo": "coach_engine.config",
    "describe_settings": "coach_engine.config",
    # interview packets (`coach export`)
    "FORMATS": "coach_engine.export",
    "export_packet": "coach_engine.export",
    "render_packet": "coach_engine.export",
    "save_packet": "coach_engine.export",
    "session_markdown": "coach_engine.export",
    # how runs and feedback read to a person (every front end alike)
    "complexity_markdown": "coach_engine.feedback_text",
    "criterion_reasons": "coach_engine.feedback_text",
    "details_once": "coach_engine.feedback_text",
    "Difference": "coach_engine.run_report",
    "compile_message": "coach_engine.run_report",
    "first_difference": "coach_engine.run_report",
    "test_ran": "coach_engine.run_report",
    "test_number": "coach_engine.run_report",
    "time_limit_ms": "coach_engine.run_report",
    "time_text": "coach_engine.run_report",
    "value_text": "coach_engine.run_report",
    "verdict_counts_text": "coach_engine.run_report",
    # weekly goals (`coach goals`) and the dashboard's parts and clock (`coach dashboard`)
    "WeeklyGoal": "coach_engine.goals",
    "week_goals": "coach_engine.goals",
    "add_goal": "coach_engine.goals",
    "set_goal": "coach_engine.goals",
    "remove_goal": "coach_engine.goals",
    "ScorePoint": "coach_engine.dashboard.models",
    "SkillView": "coach_engine.dashboard.models",
    "resolve_tz": "coach_engine.dashboard.clock",
    # server mode (`coach serve`): sign-in data and the token secret; the events' JSON Schema
    "Credentials": "coach_engine.credentials",
    "server_secret": "coach_engine.credentials",
    "event_json_schema": "coach_engine.events",
    "User": "coach_engine.models",
    "ProblemError": "coach_engine.errors",
    "CodeSnapshot": "coach_engine.models",
    # remote mode (`coach login`, `--server`): the engine API over a Coach server
    "RemoteEngine": "coach_engine.remote.engine",
    "NotSignedIn": "coach_engine.remote.auth",
    "normalize_server": "coach_engine.remote.auth",
    "RemoteError": "coach_engine.remote.http",
    "ServerUnreachable": "coach_engine.remote.http",
    "sign_in": "coach_engine.remote.signin",
    "sign_out": "coach_engine.remote.signin",
    "Page": "coach_engine.models",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # resolve once
    return value


def __dir__() -> list[str]:
    return __all__
