"""Regenerate ``kv_mock/data/global_infrastructure.json`` from botocore's endpoint data.

Usage: ``python docs/tools/build_global_infrastructure.py`` (writes the file in place).

AWS publishes regions and services as public parameters under
``/aws/service/global-infrastructure/``. botocore ships the same facts for its endpoint
resolver (``botocore/data/endpoints.json``: partitions, regions with their long names, and
each service's endpoints per region); the service long names come from each service
model's ``serviceFullName``. The file keeps them compactly; ``kv_mock.services.ssm.public``
expands it into parameter names the first time a caller reads a public parameter.
"""

from __future__ import annotations

import datetime as _dt
import json
import pathlib

import botocore
import botocore.loaders

REPOSITORY = pathlib.Path(__file__).resolve().parents[2]
OUTPUT = REPOSITORY / "kv_mock" / "data" / "global_infrastructure.json"


def endpoint_of(partition: dict, service: dict, region: str, endpoint: dict) -> list[str]:
    """``[hostname, protocols]``, as AWS's ``…/endpoint`` and ``…/protocols`` show them."""
    defaults = {**partition["defaults"], **service.get("defaults", {}), **endpoint}
    hostname = defaults["hostname"].format(
        service=service["_name"], region=region, dnsSuffix=partition["dnsSuffix"]
    )
    protocols = ", ".join(p.upper() for p in defaults.get("protocols", ["https"]))
    return [hostname, protocols]


def region_services(partition: dict, region: str) -> dict[str, list[str]]:
    found = {}
    for name, service in sorted(partition["services"].items()):
        endpoint = service.get("endpoints", {}).get(region)
        if endpoint is None or endpoint.get("deprecated"):
            continue
        found[name] = endpoint_of(partition, {**service, "_name": name}, region, endpoint)
    return found


def service_long_names() -> dict[str, str]:
    """endpoint prefix → the service's full name, from every botocore service model."""
    loader = botocore.loaders.Loader()
    names: dict[str, str] = {}
    for service in sorted(loader.list_available_services("service-2")):
        metadata = loader.load_service_model(service, "service-2")["metadata"]
        prefix = metadata.get("endpointPrefix")
        if prefix and "serviceFullName" in metadata:
            names.setdefault(prefix, metadata["serviceFullName"])
    return names


def build() -> dict:
    endpoints = botocore.loaders.Loader().load_data("endpoints")
    partitions = {}
    for partition in endpoints["partitions"]:
        partitions[partition["partition"]] = {
            "domain": partition["dnsSuffix"],
            "regions": {
                region: {
                    "longName": info.get("description", region),
                    "services": region_services(partition, region),
                }
                for region, info in sorted(partition["regions"].items())
            },
        }
    long_names = service_long_names()
    services = sorted(
        {s for p in partitions.values() for r in p["regions"].values() for s in r["services"]}
    )
    return {
        "source": f"botocore {botocore.__version__} endpoints.json and service models",
        "lastModifiedDate": _dt.date.today().isoformat() + "T00:00:00+00:00",
        "services": {s: long_names[s] for s in services if s in long_names},
        "partitions": partitions,
    }


if __name__ == "__main__":
    OUTPUT.write_text(json.dumps(build(), separators=(",", ":"), sort_keys=True) + "\n")
    print(f"wrote {OUTPUT}")
