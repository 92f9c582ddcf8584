"""Conformance: the real simple-salesforce (pinned in requirements.txt,
unmodified) against the real devorg binary.

Each check is something a simple-salesforce user does on a real org: query_all
over more than one batch, CRUD through ``sf.Lead``, a collection update with
allOrNone through ``sf.restful`` (simple-salesforce 1.12 has no collection
helper), describe and SOSL. The session comes from the OAuth2 web-server flow
with PKCE, done by hand as any app that hands simple-salesforce a token does.
``cargo xtask test`` sets SIDECAR_DEVORG_BIN and runs this with pytest.
"""

import base64
import hashlib
import os
import secrets
import shutil
import signal
import subprocess
import tempfile
import threading
import uuid
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from requests.adapters import HTTPAdapter
from simple_salesforce import Salesforce
from simple_salesforce.api import DEFAULT_API_VERSION
from simple_salesforce.exceptions import SalesforceResourceNotFound

USERNAME = "ian@sidecar.devorg"
CLIENT_ID = "SidecarDevorg"
REDIRECT_URI = "http://localhost/callback"
# SOSL treats - and other punctuation as operators: keep markers alphanumeric.
MARKER = "Ssf" + uuid.uuid4().hex[:10]
BULK_ROWS = 2100


class HttpsToLoopbackHttp(HTTPAdapter):
    """simple-salesforce builds every URL as ``https://{instance}`` (api.py:
    base_url, query_more), whatever scheme ``instance_url`` had, and devorg
    serves plain http on loopback. This adapter, mounted on the session
    simple-salesforce takes through its public ``session=`` argument and only
    for devorg's ``https://127.0.0.1:PORT/`` prefix, sends those requests over
    http instead. The client itself runs unmodified. (The ``proxies`` argument
    cannot do this: an https proxy is a CONNECT tunnel, still TLS inside.)"""

    def send(self, request, **kwargs):
        request.url = "http://" + request.url[len("https://"):]
        return super().send(request, **kwargs)


@pytest.fixture(scope="module")
def devorg():
    """``devorg serve`` on a free port with a fresh database; yields its URL."""
    binary = os.environ.get("SIDECAR_DEVORG_BIN")
    if not binary:
        pytest.fail("SIDECAR_DEVORG_BIN is not set: run the conformance tests through `cargo xtask test`")
    tmp = tempfile.mkdtemp(prefix="sidecar-devorg-")
    child = subprocess.Popen(
        [binary, "serve", "--port", "0", "--db", os.path.join(tmp, "org.sqlite"), "--auto-approve", USERNAME],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        url = None
        for line in child.stdout:
            if line.startswith("devorg listening on "):
                url = line.split()[-1]
                break
        if url is None:
            pytest.fail(f"devorg exited early ({child.wait()})")
        # Keep reading so a chatty server can never block on a full pipe.
        threading.Thread(target=child.stdout.read, daemon=True).start()
        yield url
    finally:
        child.send_signal(signal.SIGINT)
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()
        shutil.rmtree(tmp, ignore_errors=True)


def pkce_login(login_url):
    """The OAuth2 web-server flow with PKCE (S256). devorg's --auto-approve
    stands in for the login page: authorize redirects straight back."""
    verifier = secrets.token_urlsafe(64)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    state = uuid.uuid4().hex
    authorize = requests.get(
        f"{login_url}/services/oauth2/authorize",
        params={
            "response_type": "code",
            "client_id": CLIENT_ID,
            "redirect_uri": REDIRECT_URI,
            "scope": "api refresh_token",
            "state": state,
            "code_challenge": challenge,
            "code_challenge_method": "S256",
        },
        allow_redirects=False,
        timeout=30,
    )
    assert authorize.status_code == 302, authorize.text
    location = urlsplit(authorize.headers["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == REDIRECT_URI
    query = parse_qs(location.query)
    assert query["state"] == [state]
    token = requests.post(
        f"{login_url}/services/oauth2/token",
        data={
            "grant_type": "authorization_code",
            "code": query["code"][0],
            "client_id": CLIENT_ID,
            "redirect_uri": REDIRECT_URI,
            "code_verifier": verifier,
        },
        timeout=30,
    )
    assert token.status_code == 200, token.text
    return token.json()


def loopback_session(url):
    session = requests.Session()
    session.mount("https://" + urlsplit(url).netloc + "/", HttpsToLoopbackHttp())
    return session


@pytest.fixture(scope="module")
def sf(devorg):
    token = pkce_login(devorg)
    assert token["token_type"] == "Bearer"
    return Salesforce(instance_url=token["instance_url"], session_id=token["access_token"], session=loopback_session(devorg))


def leads(n, **fields):
    return [{"attributes": {"type": "Lead"}, "LastName": f"{MARKER} {i:04}", "Company": MARKER, **fields} for i in range(n)]


def create_all(sf, records):
    """Collection create, 200 records per request, all or none."""
    ids = []
    for start in range(0, len(records), 200):
        results = sf.restful("composite/sobjects", method="POST", json={"allOrNone": True, "records": records[start:start + 200]})
        assert all(r["success"] for r in results), results
        ids += [r["id"] for r in results]
    return ids


def test_harness_reaches_devorg_through_the_https_adapter(devorg):
    """Harness check: the versions resource needs no session."""
    host = urlsplit(devorg).netloc
    versions = loopback_session(devorg).get(f"https://{host}/services/data", timeout=30).json()
    assert DEFAULT_API_VERSION in [v["version"] for v in versions]


def test_oauth_pkce_token_works(sf):
    assert sf.sf_version == DEFAULT_API_VERSION
    limits = sf.limits()
    assert "DailyApiRequests" in limits


def test_crud(sf):
    created = sf.Lead.create({"LastName": f"{MARKER} Crud", "Company": "Crud Co", "Email": "crud@example.com"})
    assert created["success"] is True and created["errors"] == []
    lead_id = created["id"]
    assert lead_id.startswith("00Q") and len(lead_id) == 18

    fetched = sf.Lead.get(lead_id)
    assert fetched["Id"] == lead_id
    assert fetched["Company"] == "Crud Co"
    assert fetched["attributes"]["type"] == "Lead"

    assert sf.Lead.update(lead_id, {"Company": "Crud Renamed", "Title": "CTO"}) == 204
    fetched = sf.Lead.get(lead_id)
    assert (fetched["Company"], fetched["Title"]) == ("Crud Renamed", "CTO")

    assert sf.Lead.delete(lead_id) == 204
    with pytest.raises(SalesforceResourceNotFound):
        sf.Lead.get(lead_id)


def test_describe(sf):
    assert any(s["name"] == "Lead" and s["keyPrefix"] == "00Q" for s in sf.describe()["sobjects"])
    lead = sf.Lead.describe()
    assert lead["name"] == "Lead"
    last_name = next(f for f in lead["fields"] if f["name"] == "LastName")
    assert last_name["type"] == "string" and last_name["nillable"] is False


def test_query_all_over_more_than_one_batch(sf):
    created = set(create_all(sf, leads(BULK_ROWS)))
    assert len(created) == BULK_ROWS

    soql = f"SELECT Id, LastName FROM Lead WHERE Company = '{MARKER}'"
    first = sf.query(soql)
    assert (first["totalSize"], first["done"], len(first["records"])) == (BULK_ROWS, False, 2000)
    assert first["nextRecordsUrl"].startswith(f"/services/data/v{DEFAULT_API_VERSION}/query/")

    everything = sf.query_all(soql)
    assert everything["totalSize"] == BULK_ROWS
    assert {r["Id"] for r in everything["records"]} == created


def test_sosl_search(sf):
    word = f"{MARKER}Sosl"
    lead_id = sf.Lead.create({"LastName": word, "Company": "Search Co"})["id"]
    found = sf.search(f"FIND {{{word}}} IN NAME FIELDS RETURNING Lead(Id, LastName)")
    assert [(r["attributes"]["type"], r["Id"], r["LastName"]) for r in found["searchRecords"]] == [("Lead", lead_id, word)]


def test_collection_update_all_or_none_rolls_back(sf):
    ids = create_all(sf, leads(20, Title="Before"))
    changes = [{"attributes": {"type": "Lead"}, "id": i, "Title": "After"} for i in ids]
    changes[7]["Status"] = "Not A Real Status"  # restricted picklist: rejected

    results = sf.restful("composite/sobjects", method="PATCH", json={"allOrNone": True, "records": changes})
    assert len(results) == 20
    assert all(r["success"] is False for r in results)
    assert results[7]["errors"][0]["statusCode"] == "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST"
    assert all(r["errors"][0]["statusCode"] == "ALL_OR_NONE_OPERATION_ROLLED_BACK" for n, r in enumerate(results) if n != 7)

    id_list = ", ".join(f"'{i}'" for i in ids)
    stored = sf.query_all(f"SELECT Id, Title FROM Lead WHERE Id IN ({id_list})")["records"]
    assert sorted(r["Id"] for r in stored) == sorted(ids)
    assert {r["Title"] for r in stored} == {"Before"}, "nothing changed"
