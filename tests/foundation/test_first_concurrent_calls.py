"""The first use of an operation from many threads at once answers every thread (issue 9, 2).

Request and response checkers are compiled from the model on first use. A thread that
asked for a shape while another was compiling it used to get a lookup of a checker not yet
stored: HTTP 500 with ``KeyError`` (7 of 15 fresh processes at 32 threads). Compiled
checkers live for the process, so only fresh processes show it.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading

from kv_mock.compiled import CompiledShapes

#: Fresh processes per run, and how many run at once.
PROCESSES = 6
AT_ONCE = 3

SCRIPT = textwrap.dedent('''
    import logging, sys, threading

    import boto3
    from botocore.exceptions import ClientError

    from kv_mock import mock_kayvee

    THREADS = 32
    sys.setswitchinterval(1e-6)  # switch threads as often as possible
    logging.disable(logging.CRITICAL)

    with mock_kayvee() as kv:
        kv.backend()  # the store exists: only first uses of operations race here
        ssm = boto3.client("ssm", region_name="us-east-1")
        sm = boto3.client("secretsmanager", region_name="us-east-1")
        tags = [{"Key": "k", "Value": "v"}]
        barrier = threading.Barrier(THREADS)
        failures = []

        def work(i):
            calls = [
                lambda: ssm.put_parameter(Name=f"/p{i}", Value="v", Type="String", Tags=tags),
                lambda: ssm.describe_parameters(ParameterFilters=[
                    {"Key": "Name", "Option": "BeginsWith", "Values": ["/p"]}]),
                lambda: ssm.get_parameters_by_path(Path="/", ParameterFilters=[
                    {"Key": "Type", "Values": ["String"]}]),
                lambda: ssm.label_parameter_version(Name=f"/p{i}", Labels=["l"]),
                lambda: ssm.get_parameter_history(Name=f"/p{i}"),
                lambda: sm.create_secret(Name=f"s{i}", SecretString="v", Tags=tags),
                lambda: sm.put_secret_value(SecretId=f"s{i}", SecretString="w"),
                lambda: sm.describe_secret(SecretId=f"s{i}"),
                lambda: sm.list_secrets(Filters=[{"Key": "name", "Values": ["s"]}]),
                lambda: sm.batch_get_secret_value(SecretIdList=[f"s{i}"]),
            ]
            for call in calls:
                barrier.wait()
                try:
                    call()
                except ClientError as error:
                    failures.append(error.response["Error"]["Message"])
                except Exception as error:
                    failures.append(repr(error))

        threads = [threading.Thread(target=work, args=(i,)) for i in range(THREADS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    print(len(failures), failures[:1])
''')


def test_first_calls_from_32_threads_in_fresh_processes_all_succeed() -> None:
    outputs = []
    for start in range(0, PROCESSES, AT_ONCE):
        running = [
            subprocess.Popen([sys.executable, "-c", SCRIPT], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
            for _ in range(min(AT_ONCE, PROCESSES - start))
        ]
        for process in running:
            out, err = process.communicate(timeout=120)
            assert process.returncode == 0, err
            outputs.append(out.strip())

    assert outputs == ["0 []"] * PROCESSES


def test_a_thread_asking_for_a_shape_being_compiled_waits_for_it() -> None:
    cache = CompiledShapes()
    compiling, finish = threading.Event(), threading.Event()
    asking = threading.Event()
    results: dict[str, object] = {}

    def slow_compile():
        compiling.set()
        finish.wait(10)
        return lambda value: ("checked", value)

    def first() -> None:
        results["first"] = cache.get("shape", slow_compile)("a")

    def second() -> None:
        asking.set()
        try:
            results["second"] = cache.get("shape", slow_compile)("b")
        except Exception as error:  # the defect: a lookup of a checker not stored yet
            results["second"] = error

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    threads[0].start()
    assert compiling.wait(10)
    threads[1].start()
    assert asking.wait(10)
    threads[1].join(0.2)  # time for the second thread to reach the cache
    finish.set()
    for thread in threads:
        thread.join(10)

    assert results == {"first": ("checked", "a"), "second": ("checked", "b")}


def test_a_recursive_shape_still_gets_a_late_lookup_of_itself() -> None:
    cache = CompiledShapes()

    def compile_tree():
        child = cache.get("tree", compile_tree)  # the shape refers to itself
        return lambda depth: 0 if depth == 0 else 1 + child(depth - 1)

    assert cache.get("tree", compile_tree)(3) == 3
