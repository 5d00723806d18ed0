"""The rewrite of a Piper voice's decoder to 2-D convolutions: same audio, or no rewrite."""

import json
import platform

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
    no_noise = SynthesisConfig(noise_scale=0.0, noise_w_scale=0.0)
    for text in (
        "Yes.",
        "The bridge reopened on Monday.",
        "By 2:39 PM the queue outside the school had reached about 300 people, mothers with "
        "prams, pensioners with flasks of tea, students charging their phones.",
    ):
        ids = original.phonemes_to_ids(original.phonemize(text)[0])
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


def _tiny_decoder():
    """A decoder shaped like Piper's, small: convolution, upsampling, one residual block."""
    messages = _messages()
    rng = np.random.default_rng(7)

    def tensor(name, *dims):
        values = rng.standard_normal(dims).astype(np.float32) * 0.3
        return messages["Tensor"](name=name, dims=dims, data_type=1, raw_data=values.tobytes())

    def value(name, *dims):
        shape = messages["Shape"](
            dim=[
                messages["Dimension"](dim_param=size)
                if isinstance(size, str)
                else messages["Dimension"](dim_value=size)
                for size in dims
            ]
        )
        return messages["ValueInfo"](
            name=name,
            type=messages["Type"](tensor_type=messages["TensorType"](elem_type=1, shape=shape)),
        )

    def node(name, op_type, inputs, outputs, **ints):
        attributes = [
            messages["Attribute"](name=key, ints=values, type=7) for key, values in ints.items()
        ]
        return messages["Node"](
            name=name, op_type=op_type, input=inputs, output=outputs, attribute=attributes
        )

    graph = messages["Graph"](
        node=[
            node("/dec/conv_pre/Conv", "Conv", ["x", "w_pre", "b_pre"], ["pre"], pads=[1, 1]),
            node("/dec/LeakyRelu", "LeakyRelu", ["pre"], ["pre_act"]),
            node(
                "/dec/ups.0/ConvTranspose",
                "ConvTranspose",
                ["pre_act", "w_up", "b_up"],
                ["up"],
                strides=[2],
                pads=[1, 1],
            ),
            node("/dec/resblocks.0/LeakyRelu", "LeakyRelu", ["up"], ["up_act"]),
            node(
                "/dec/resblocks.0/convs.0/Conv",
                "Conv",
                ["up_act", "w_res", "b_res"],
                ["res"],
                pads=[2, 2],
                dilations=[2],
            ),
            node("/dec/resblocks.0/Add", "Add", ["res", "up"], ["y"]),
        ],
        initializer=[
            tensor("w_pre", 32, 16, 3),
            tensor("b_pre", 32),
            tensor("w_up", 32, 16, 4),
            tensor("b_up", 16),
            tensor("w_res", 16, 16, 3),
            tensor("b_res", 16),
        ],
        input=[value("x", 1, 16, "frames")],
        output=[value("y", 1, 16, "samples")],
    )
    return messages["Model"](
        opset_import=[messages["Opset"](domain="", version=15)], graph=graph, ir_version=8
    ).SerializeToString()


def _session(model, optimized_path=None):
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    if optimized_path:
        options.optimized_model_filepath = str(optimized_path)
    return onnxruntime.InferenceSession(
        model, sess_options=options, providers=["CPUExecutionProvider"]
    )


def test_the_rewritten_decoder_computes_the_same_tensor():
    model = _tiny_decoder()
    rewritten = decoder_in_2d(model)
    assert rewritten is not None
    x = np.random.default_rng(1).standard_normal((1, 16, 23)).astype(np.float32)
    (expected,) = _session(model).run(None, {"x": x})
    (result,) = _session(rewritten).run(None, {"x": x})
    assert result.shape == expected.shape == (1, 16, 46)
    assert np.max(np.abs(result - expected)) < 1e-5


def test_the_residual_add_becomes_a_sum_after_an_identity_convolution():
    nodes = _messages()["Model"].FromString(decoder_in_2d(_tiny_decoder())).graph.node
    ops = {node.name: node.op_type for node in nodes}
    assert ops["/dec/resblocks.0/Add"] == "Sum"
    assert ops["/dec/resblocks.0/LeakyRelu/identity"] == "Conv"
    assert ops["/dec/ups.0/ConvTranspose/identity"] == "Conv"
    # The LeakyRelu before the ConvTranspose feeds no convolution that could stay blocked.
    assert "/dec/LeakyRelu/identity" not in ops


@pytest.mark.skipif(
    platform.machine().lower() not in {"x86_64", "amd64"},
    reason="onnxruntime's blocked convolutions are an x86 feature",
)
def test_onnxruntime_keeps_the_residual_block_in_blocked_layout(tmp_path):
    optimized = tmp_path / "optimized.onnx"
    _session(decoder_in_2d(_tiny_decoder()), optimized)
    nodes = _messages()["Model"].FromString(optimized.read_bytes()).graph.node
    ops = [node.op_type for node in nodes if node.op_type not in {"Unsqueeze", "Squeeze"}]
    # The LeakyRelus and the residual Sum are fused into convolutions: within the residual
    # block nothing goes back to plain layout, only before ConvTranspose and at the exit.
    assert ops == [
        "ReorderInput",
        "Conv",
        "ReorderOutput",
        "ConvTranspose",
        "ReorderInput",
        "Conv",
        "Conv",
        "Conv",
        "ReorderOutput",
    ]
