"""The rewrite of a Piper voice's decoder to 2-D convolutions: same audio, or no rewrite."""

import json

import numpy as np
import pytest

from masthead.audio.backends.piper import PiperBackend, default_voice_path
from masthead.audio.backends.piper_graph import _messages, decoder_in_2d


def _model(*nodes, opset=15):
    messages = _messages()
    return messages["Model"](
        opset_import=[messages["Opset"](domain="", version=opset)],
        graph=messages["Graph"](node=[messages["Node"](**node) for node in nodes]),
    ).SerializeToString()


def test_a_model_without_a_decoder_is_left_alone():
    assert decoder_in_2d(_model({"name": "/enc/Conv", "op_type": "Conv"})) is None


def test_a_decoder_with_an_operation_the_rewrite_does_not_know_is_left_alone():
    model = _model(
        {"name": "/dec/Conv", "op_type": "Conv", "input": ["x", "w"], "output": ["y"]},
        {"name": "/dec/Softmax", "op_type": "Softmax", "input": ["y"], "output": ["z"]},
    )
    assert decoder_in_2d(model) is None


def test_a_model_older_than_opset_13_is_left_alone():
    model = _model({"name": "/dec/Tanh", "op_type": "Tanh"}, opset=11)
    assert decoder_in_2d(model) is None


@pytest.mark.tts
def test_the_rewritten_bundled_voice_speaks_the_same_audio():
    import onnxruntime
    from piper import PiperVoice, SynthesisConfig
    from piper.config import PiperConfig

    path = default_voice_path()
    with open(f"{path}.json", encoding="utf-8") as config_file:
        config = PiperConfig.from_dict(json.load(config_file))
    with open(path, "rb") as model_file:
        rewritten = decoder_in_2d(model_file.read())
    assert rewritten is not None

    def voice(model):
        session = onnxruntime.InferenceSession(model, providers=["CPUExecutionProvider"])
        return PiperVoice(config=config, session=session)

    original, faster = voice(path), voice(rewritten)
    ids = original.phonemes_to_ids(original.phonemize("The bridge reopened on Monday.")[0])
    no_noise = SynthesisConfig(noise_scale=0.0, noise_w_scale=0.0)
    expected = original.phoneme_ids_to_audio(ids, no_noise)
    audio = faster.phoneme_ids_to_audio(ids, no_noise)
    assert audio.shape == expected.shape
    assert np.max(np.abs(audio - expected)) < 1e-4


@pytest.mark.tts
def test_piper_still_speaks_when_the_rewrite_fails(monkeypatch):
    def broken(model_bytes):
        raise ValueError("not a model")

    monkeypatch.setattr("masthead.audio.backends.piper_graph.decoder_in_2d", broken)
    speech = PiperBackend().speak("Hello there.")
    assert len(b"".join(speech.chunks)) > 0.2 * speech.sample_rate * 2  # 0.2 s of 16-bit audio
