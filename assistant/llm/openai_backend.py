"""Any OpenAI-compatible chat endpoint (OpenAI, Ollama, vLLM, llama.cpp server, LM Studio)."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator, Sequence
from typing import Any

from assistant.config import LLMSettings
from assistant.llm.base import LLMError, Message
from assistant.llm.local import sample_plan

DEFAULT_BASE_URL = "https://api.openai.com/v1"
NO_KEY = "not-needed"
"""Local servers ignore the key, but the client insists on one."""
_TRANSPORT_MODULES = ("httpx", "httpx2", "httpcore", "h11", "anyio")


def _is_transport_error(exc: BaseException) -> bool:
    return type(exc).__module__.split(".")[0] in _TRANSPORT_MODULES or isinstance(exc, OSError)


def _was_dropped(exc: BaseException) -> bool:
    """A connection that was made and then lost, as opposed to one that was never made."""
    cause = exc.__cause__
    return cause is not None and "Protocol" in type(cause).__name__


class OpenAILLM:
    """Chat completions over HTTP. The model name, if not configured, is the server's first."""

    def __init__(self, settings: LLMSettings, *, client: Any = None) -> None:
        try:
            import openai
        except ImportError:
            raise LLMError(
                "the openai package is not installed", hint="run `pip install openai`"
            ) from None
        self._openai = openai
        self.settings = settings
        self.base_url = settings.base_url or DEFAULT_BASE_URL
        self.capable = True if settings.capable is None else bool(settings.capable)
        self._client = client or openai.OpenAI(
            base_url=self.base_url,
            api_key=settings.api_key or NO_KEY,
            timeout=settings.timeout_s,
            max_retries=settings.max_retries,
        )
        self._model = settings.model
        self._model_lock = threading.Lock()
        self._n_supported: bool | None = None

    @property
    def name(self) -> str:
        return f"openai: {self._model or '(first model)'} at {self.base_url}"

    @property
    def model(self) -> str:
        """The configured model, else the first one the endpoint lists (asked once)."""
        with self._model_lock:
            if not self._model:
                self._model = self._first_model()
            return self._model

    def _first_model(self) -> str:
        with self._errors(model="(listing models)"):
            models = [m.id for m in self._client.models.list()]
        if not models:
            raise LLMError(
                f"the endpoint at {self.base_url} lists no models",
                hint="set llm.model (PLURAL_MODEL) to the model to use",
            )
        return str(models[0])

    @contextlib.contextmanager
    def _errors(self, *, model: str | None = None) -> Iterator[None]:
        """Turn client and transport failures into LLMErrors that say what to do."""
        try:
            yield
        except LLMError:
            raise
        except self._openai.OpenAIError as exc:
            raise self._translate(exc, model or self._model or "?") from None
        except Exception as exc:
            if _is_transport_error(exc):
                raise LLMError(
                    f"the connection to {self.base_url} broke mid-answer ({type(exc).__name__})",
                    hint="the server may have crashed or restarted; try again",
                    retryable=True,
                ) from None
            if isinstance(exc, ValueError | KeyError | TypeError | AttributeError | IndexError):
                raise self._malformed(exc) from None
            raise

    def _malformed(self, exc: BaseException) -> LLMError:
        return LLMError(
            f"malformed response from {self.base_url} ({type(exc).__name__}: {exc})",
            hint="is base_url an OpenAI-compatible /v1 endpoint? (e.g. http://localhost:11434/v1)",
        )

    def _translate(self, exc: Exception, model: str) -> LLMError:
        o, url = self._openai, self.base_url
        timeout = self.settings.timeout_s
        if isinstance(exc, o.APITimeoutError):
            return LLMError(
                f"the endpoint at {url} did not answer within {timeout:g} s",
                hint="the model may still be loading or is overloaded; raise llm.timeout_s",
                retryable=True,
            )
        if isinstance(exc, o.APIConnectionError) and _was_dropped(exc):
            return LLMError(
                f"the server at {url} dropped the connection ({exc.__cause__})",
                hint="the server may have crashed or restarted; check its log and try again",
                retryable=True,
            )
        if isinstance(exc, o.APIConnectionError):
            return LLMError(
                f"endpoint unreachable at {url}",
                hint="is the server running? check llm.base_url",
                retryable=True,
            )
        if isinstance(exc, o.AuthenticationError | o.PermissionDeniedError):
            return LLMError(
                f"bad API key for {url} (HTTP {exc.status_code})",
                hint="set llm.api_key or OPENAI_API_KEY / PLURAL_API_KEY",
            )
        if isinstance(exc, o.NotFoundError):
            return LLMError(
                f"model {model!r} not found at endpoint {url}",
                hint="set llm.model (PLURAL_MODEL) to a model the server lists, or check base_url",
            )
        if isinstance(exc, o.RateLimitError):
            return LLMError(f"rate limited by {url}", hint="wait and try again", retryable=True)
        if isinstance(exc, o.APIResponseValidationError):
            return self._malformed(exc)
        if isinstance(exc, o.APIStatusError):
            return LLMError(
                f"the endpoint at {url} answered HTTP {exc.status_code}: {exc.message}",
                hint="check llm.model and the server's log",
                retryable=exc.status_code >= 500,
            )
        return LLMError(f"the endpoint at {url} failed: {exc}", hint="check the server's log")

    def _params(self, max_tokens: int | None, temperature: float | None, seed: int | None) -> dict:
        params: dict[str, Any] = {
            "max_tokens": self.settings.max_tokens if max_tokens is None else max_tokens,
            "temperature": self.settings.temperature if temperature is None else temperature,
        }
        if seed is not None:
            params["seed"] = seed
        return params

    def _create(self, messages: Sequence[Message], **params: Any) -> list[str]:
        model = self.model
        with self._errors(model=model):
            completion = self._client.chat.completions.create(
                model=model, messages=list(messages), **params
            )
            if isinstance(completion, str | bytes) or not completion.choices:
                raise ValueError("no choices in the response")
            return [choice.message.content or "" for choice in completion.choices]

    def chat(
        self,
        messages: Sequence[Message],
        *,
        max_tokens: int | None = None,
        temperature: float | None = None,
        seed: int | None = None,
    ) -> str:
        return self._create(messages, **self._params(max_tokens, temperature, seed))[0]

    def stream(
        self,
        messages: Sequence[Message],
        *,
        max_tokens: int | None = None,
        temperature: float | None = None,
        seed: int | None = None,
    ) -> Iterator[str]:
        model = self.model
        params = self._params(max_tokens, temperature, seed)
        with self._errors(model=model):
            chunks = self._client.chat.completions.create(
                model=model, messages=list(messages), stream=True, **params
            )
            try:
                for chunk in chunks:
                    if isinstance(chunk, str | bytes):
                        raise ValueError(f"unexpected stream event {chunk!r:.80}")
                    text = chunk.choices[0].delta.content if chunk.choices else None
                    if text:
                        yield text
            finally:
                chunks.close()

    def sample(
        self,
        messages: Sequence[Message],
        n: int,
        *,
        max_tokens: int | None = None,
        temperature: float | None = None,
        seed: int | None = None,
    ) -> list[str]:
        """n candidates in one request with `n=` where the server honours it (OpenAI, vLLM);
        otherwise (Ollama and llama.cpp ignore or refuse n) one request per missing candidate."""
        params = self._params(max_tokens, temperature, seed)
        out = self._sample_batched(messages, n, params) if n > 1 else []
        for temp, s in sample_plan(n, params["temperature"], seed)[len(out) :]:
            out += self._create(messages, **{**params, "temperature": temp, "seed": s})
        return out[:n]

    def _sample_batched(self, messages: Sequence[Message], n: int, params: dict) -> list[str]:
        if self._n_supported is False:
            return []
        try:
            out = self._create(messages, n=n, **params)
        except LLMError as exc:
            if "HTTP 400" not in str(exc) and "HTTP 422" not in str(exc):
                raise
            out = []
        self._n_supported = len(out) >= n
        return out
