"""Narration benchmark: an 800-word article, per engine (Piper, espeak-ng).

Figures per engine:
- audio_per_wall_s / audio_per_cpu_s: seconds of audio made per wall-clock / CPU second,
  end to end from text to MP3 bytes (speech + encoding), in a fresh process;
- stage_cpu_s: CPU seconds of each stage: text (preparing the text for speech), speech
  (synthesis), encode (MP3), store (saving through Django's storage);
- load_s: time to load the engine (the Piper voice model);
- peak_rss_mb: that process's peak memory;
- mp3_kb_per_min: file size per minute of audio;
- publish_to_playable_s: from publishing the article to its audio answering a Range request,
  narrated by a real `manage.py worker` process, started as `make run` starts it (default
  polling interval), that had already loaded its engine; cold_publish_to_playable_s: the
  same for the worker's first narration, engine load included.

Usage: .venv/bin/python bench/narration.py [--engines piper,espeak] [--piper-options JSON]
Uses a throw-away SQLite database and media folder under a temporary directory. The machine's
load average (1, 5, 15 min) before and after is printed with the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Original demo prose for the benchmark: a reporter's dispatch with the figures, dates,
# times and titles the speech text must handle.
PARAGRAPHS = [
    "The regional council met at 7:15 a.m. on Jan. 9 to count what the winter had cost the "
    "city. Officials said 1,500 households still had no heating and that repair crews were "
    "working 14 hours a day.",
    "Gen. Petro Marchenko told the session that the Dnipro crossing would reopen by March 3, "
    "2025, and that the engineers had already replaced 40 percent of the damaged supports.",
    "“We are not asking for miracles,” said Olena Savchuk, who runs the shelter on Mostova "
    "Street. “We are asking for the water to come back on before the 20th.”",
    "The U.S. embassy pledged $2.5 million for generators; the mayor's office said another "
    "€700,000 would arrive from partner cities in the spring.",
    "By 2:39 PM the queue outside the school had reached about 300 people — mothers with "
    "prams, pensioners with flasks of tea, students charging their phones.",
    "Nobody in the queue had slept well. The sirens had sounded three times between midnight "
    "and dawn, and the last all-clear came at 5:50 a.m., just as the trams started running.",
]


def article_body(words: int = 800) -> list[dict]:
    body, count, n = [], 0, 0
    while count < words:
        text = PARAGRAPHS[n % len(PARAGRAPHS)]
        body.append({"type": "paragraph", "value": f"<p>{text}</p>"})
        count += len(text.split())
        n += 1
    return body


def setup_django(workdir: Path) -> None:
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}")
    os.environ["MEDIA_ROOT"] = str(workdir / "media")
    os.environ["MASTHEAD_VAR_DIR"] = str(workdir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "masthead.settings.base"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()


def measure_engine(engine: str, text: str, options: dict) -> dict:
    """In this (fresh) process: load the engine, speak the text, encode to MP3 (streamed, as
    the pipeline does), then time the encoding and the storage of that audio on their own."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from masthead.audio.backends.base import Speech
    from masthead.audio.backends.espeak import EspeakBackend
    from masthead.audio.backends.piper import PiperBackend
    from masthead.audio.services import mp3_encode

    backend = {"piper": PiperBackend, "espeak": EspeakBackend}[engine](**options)
    started = time.perf_counter()
    backend.speak("Warm up.")  # loads the voice
    load = time.perf_counter() - started
    pcm: list[bytes] = []

    def kept(chunks):
        for chunk in chunks:
            pcm.append(chunk)
            yield chunk

    wall, cpu = time.perf_counter(), time.process_time()
    speech = backend.speak(text)  # espeak-ng speaks here, Piper while the chunks are read
    data, seconds = mp3_encode(speech=Speech(speech.sample_rate, kept(speech.chunks)))
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    encode_cpu = time.process_time()
    mp3_encode(speech=Speech(speech.sample_rate, iter(pcm)))
    encode_cpu = time.process_time() - encode_cpu
    store_cpu = time.process_time()
    default_storage.save(f"narrations/bench-{engine}.mp3", ContentFile(data))
    store_cpu = time.process_time() - store_cpu
    return {
        "audio_s": round(seconds, 1),
        "load_s": round(load, 2),
        "wall_s": round(wall, 2),
        "cpu_s": round(cpu, 2),
        "audio_per_wall_s": round(seconds / wall, 1),
        "audio_per_cpu_s": round(seconds / cpu, 1),
        "stage_cpu_s": {
            "speech": round(cpu - encode_cpu, 2),
            "encode": round(encode_cpu, 2),
            "store": round(store_cpu, 3),
        },
        "mp3_kb_per_min": round(len(data) / 1024 / (seconds / 60), 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def wait_playable(page_id: int, timeout: float) -> float | None:
    from django.test import Client

    from masthead.audio.models import Narration

    client = Client(SERVER_NAME="localhost")
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        narration = Narration.objects.filter(page_id=page_id).first()
        if narration and narration.is_current:
            response = client.get(narration.get_absolute_url(), headers={"range": "bytes=0-1023"})
            if response.status_code == 206:
                return time.perf_counter()
        time.sleep(0.1)
    return None


def newsroom():
    from django.core.management import call_command
    from django.test import override_settings

    from masthead.news.tests.factories import make_home
    from masthead.people.tests.factories import AuthorFactory

    call_command("migrate", verbosity=0)
    with override_settings(AUDIO_NARRATE_ON_PUBLISH=False):
        return make_home(), AuthorFactory(name="Bench Reporter")


def publish_timings(engine: str, workdir: Path, home, author, options: dict) -> dict:
    from django.test import override_settings

    from masthead.news.tests.factories import make_article, make_section

    with override_settings(AUDIO_NARRATE_ON_PUBLISH=False):
        section = make_section(home, title=f"City {engine}", slug=f"city-{engine}")
    env = {**os.environ, "AUDIO_BACKEND": engine, "AUDIO_BACKEND_OPTIONS": json.dumps(options)}
    log = open(workdir / f"worker-{engine}.log", "w+")  # noqa: SIM115 - closed below
    worker = subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "worker",
            "--queue-name",
            "*",
            "--no-reload",
        ],
        cwd=ROOT,
        env={**env, "LOG_LEVEL": "INFO"},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.time() + 120
        while "Starting worker" not in (workdir / f"worker-{engine}.log").read_text():
            if time.time() > deadline or worker.poll() is not None:
                raise RuntimeError("the worker did not start")
            time.sleep(0.2)
        with override_settings(AUDIO_BACKEND=engine):
            # First narration: the worker loads its engine (a cold start).
            started = time.perf_counter()
            warm = make_article(
                section=section,
                authors=[author],
                title="Warm up",
                slug=f"warm-{engine}",
                body=article_body(20),
                image=False,
            )
            done = wait_playable(warm.pk, 600)
            cold = None if done is None else done - started
            started = time.perf_counter()
            page = make_article(
                section=section,
                authors=[author],
                slug=f"bench-{engine}",
                title="Winter count: what the city still needs",
                body=article_body(800),
                image=False,
            )
            done = wait_playable(page.pk, 900)
            warm_time = None if done is None else done - started
    finally:
        worker.terminate()
        worker.wait(timeout=30)
        log.close()
    return {
        "publish_to_playable_s": None if warm_time is None else round(warm_time, 1),
        "cold_publish_to_playable_s": None if cold is None else round(cold, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--engines", default="piper,espeak")
    parser.add_argument(
        "--piper-options",
        default="{}",
        help='JSON options for Piper, e.g. \'{"threads": 1, "optimize_decoder": false}\'',
    )
    parser.add_argument("--measure", help=argparse.SUPPRESS)  # child: one engine, in-process
    args = parser.parse_args()

    def options_for(engine: str) -> dict:
        return json.loads(args.piper_options) if engine == "piper" else {}

    workdir = Path(tempfile.mkdtemp(prefix="masthead-bench-narration-"))
    setup_django(workdir)
    from masthead.audio.text import normalize, speech_parts

    class Block:
        def __init__(self, value):
            from wagtail.rich_text import RichText

            self.block_type, self.value = "paragraph", RichText(value)

    body = article_body(800)
    text_cpu = time.process_time()
    parts = speech_parts(
        headline="Winter count: what the city still needs",
        standfirst="Heating, water and a bridge: the council's list.",
        blocks=[Block(block["value"]) for block in body],
    )
    text = "\n".join(parts)
    text_cpu = time.process_time() - text_cpu
    if args.measure:
        figures = measure_engine(args.measure, text, options_for(args.measure))
        figures["stage_cpu_s"] = {"text": round(text_cpu, 3), **figures["stage_cpu_s"]}
        print(json.dumps(figures))
        return
    words = sum(len(block["value"].split()) for block in body)
    results = {}
    load_before = os.getloadavg()
    home, author = newsroom()
    for engine in args.engines.split(","):
        child = subprocess.run(
            [sys.executable, __file__, "--measure", engine, "--piper-options", args.piper_options],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        )
        figures = json.loads(child.stdout.strip().splitlines()[-1])
        figures.update(publish_timings(engine, workdir, home, author, options_for(engine)))
        results[engine] = figures
        print(f"{engine}: {figures}", file=sys.stderr)
    assert normalize("40%") == "forty percent"
    load = [round(value, 2) for value in (*load_before, *os.getloadavg())]
    print(
        json.dumps(
            {
                "bench": "narration",
                "article_words": words,
                "load_avg_before_after": load,
                "piper_options": json.loads(args.piper_options),
                "engines": results,
            }
        )
    )


if __name__ == "__main__":
    main()
