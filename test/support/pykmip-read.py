# Reads keys back from a KMIP server with PyKMIP's own python client (ProxyKmipClient), to prove
# from the other side that what the station registered is there and equal. Run with Debian's
# /usr/bin/python3 (it has python3-pykmip). Tests only.
#
# Usage: pykmip-read.py HOST PORT CERT KEY CA CONFIG < request.json
# request.json: {"get": [uid, ...], "attributes": true, "names": [name, ...], "groups": [group, ...]}
# Prints JSON: {"objects": {uid: {"key": hex, "algorithm": "SM4", "length": 128, "format": "RAW",
#   "names": [...], "groups": [...], "asi": [[namespace, data], ...]}},
#   (names, groups and asi empty unless "attributes" is true: Get Attributes halves the rate)
#   "byName": {name: [uid, ...]}, "byGroup": {group: [uid, ...]}}
import json
import sys

from kmip.core import enums
from kmip.core.factories import attributes as attribute_factories
from kmip.pie.client import ProxyKmipClient


def identity(client, uid):
    _, attributes = client.get_attributes(
        uid, ["Name", "Object Group", "Application Specific Information"]
    )
    names, groups, asi = [], [], []
    for attribute in attributes:
        name = attribute.attribute_name.value
        value = attribute.attribute_value
        if name == "Name":
            names.append(value.name_value.value)
        elif name == "Object Group":
            groups.append(value.value)
        elif name == "Application Specific Information":
            asi.append([value.application_namespace, value.application_data])
    return names, groups, asi


def main():
    host, port, cert, key, ca, config = sys.argv[1:7]
    request = json.load(sys.stdin)
    factory = attribute_factories.AttributeFactory()
    out = {"objects": {}, "byName": {}, "byGroup": {}}
    client = ProxyKmipClient(
        hostname=host,
        port=int(port),
        cert=cert,
        key=key,
        ca=ca,
        config_file=config,
        kmip_version=enums.KMIPVersion.KMIP_1_2,
    )
    with client:
        for name in request.get("names", []):
            attribute = factory.create_attribute(enums.AttributeType.NAME, name)
            out["byName"][name] = client.locate(attributes=[attribute])
        for group in request.get("groups", []):
            attribute = factory.create_attribute(enums.AttributeType.OBJECT_GROUP, group)
            out["byGroup"][group] = client.locate(attributes=[attribute])
        for uid in request.get("get", []):
            obj = client.get(uid)
            names, groups, asi = identity(client, uid) if request.get("attributes") else ([], [], [])
            out["objects"][uid] = {
                "key": bytes(obj.value).hex(),
                "algorithm": obj.cryptographic_algorithm.name,
                "length": obj.cryptographic_length,
                "format": obj.key_format_type.name,
                "names": names,
                "groups": groups,
                "asi": asi,
            }
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
