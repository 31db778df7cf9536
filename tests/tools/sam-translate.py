"""Translates SAM templates with AWS's own translator (aws-sam-translator), for the differential test.

Usage: python3 sam-translate.py JOBS.json
JOBS.json is a list of {"input": PATH, "output": PATH}. Each output gets the translated template (JSON), or
{"errorMessage": "..."} when SAM rejects the input. Never reaches AWS: the Serverless Application Repository is a stub
that answers every application with a placeholder template URL, boto3 clients cannot be created, and AWS managed
policy ARNs come from the map bundled with the translator.
"""

import json
import os
import re
import sys

os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
os.environ["AWS_EC2_METADATA_DISABLED"] = "true"
os.environ.pop("AWS_PROFILE", None)

import logging  # noqa: E402

import boto3  # noqa: E402

logging.disable(logging.CRITICAL)


def _no_client(*args, **kwargs):
    raise RuntimeError("the differential test never calls AWS")


boto3.client = _no_client
boto3.session.Session.client = _no_client

from samtranslator.model.exceptions import InvalidDocumentException  # noqa: E402
from samtranslator.parser.parser import Parser  # noqa: E402
from samtranslator.plugins.application.serverless_app_plugin import ServerlessAppPlugin  # noqa: E402
from samtranslator.translator import translator as translator_module  # noqa: E402
from samtranslator.translator.translator import Translator  # noqa: E402
from samtranslator.yaml_helper import yaml_parse  # noqa: E402

from samtranslator.internal.managed_policies import get_bundled_managed_policy_map  # noqa: E402

MANAGED_POLICIES = get_bundled_managed_policy_map("aws") or {}
SESSION = boto3.session.Session(region_name=os.environ["AWS_DEFAULT_REGION"])

# Building the policy templates plugin validates policy_templates.json against its schema: do it once, not per template.
_POLICY_TEMPLATES_PLUGIN = translator_module.make_policy_template_for_function_plugin()
translator_module.make_policy_template_for_function_plugin = lambda: _POLICY_TEMPLATES_PLUGIN


class FakeSar:
    """The Serverless Application Repository: every application exists and its template is ready."""

    def get_application(self, ApplicationId, SemanticVersion):  # noqa: N803
        return {"ApplicationId": ApplicationId, "Version": {"SemanticVersion": SemanticVersion}}

    def create_cloud_formation_template(self, ApplicationId, SemanticVersion):  # noqa: N803
        return {"TemplateId": "id", "TemplateUrl": "https://awsserverlessrepo-changesets.s3.amazonaws.com/template", "Status": "ACTIVE"}

    def get_cloud_formation_template(self, ApplicationId, TemplateId):  # noqa: N803
        return {"Status": "ACTIVE", "TemplateUrl": "https://awsserverlessrepo-changesets.s3.amazonaws.com/template"}


LOCAL_URI_PROPERTIES = {
    "AWS::Serverless::Function": ["CodeUri"],
    "AWS::Serverless::LayerVersion": ["ContentUri"],
    "AWS::Serverless::StateMachine": ["DefinitionUri"],
    "AWS::Serverless::Api": ["DefinitionUri"],
    "AWS::Serverless::HttpApi": ["DefinitionUri"],
}


def package_local_paths(template):
    """What `sam package` does before the translator runs (and cfn-lint imitates): local paths become S3 locations."""
    resources = template.get("Resources") if isinstance(template, dict) else None
    if not isinstance(resources, dict):
        return
    for resource in resources.values():
        if not isinstance(resource, dict):
            continue
        properties = resource.get("Properties")
        if not isinstance(properties, dict):
            continue
        for name in LOCAL_URI_PROPERTIES.get(resource.get("Type"), []):
            value = properties.get(name)
            if isinstance(value, str) and not re.match(r"^(s3|https?)://", value):
                properties[name] = "s3://bucket/" + (value.strip("./") or "code")


def translate(path):
    with open(path, encoding="utf-8") as f:
        template = yaml_parse(f.read())
    package_local_paths(template)
    sar = ServerlessAppPlugin(sar_client=FakeSar(), wait_for_template_active_status=False, validate_only=False, parameters={})
    translator = Translator(MANAGED_POLICIES, Parser(), plugins=[sar], boto_session=SESSION)
    try:
        return translator.translate(template, parameter_values={}, get_managed_policy_map=lambda: MANAGED_POLICIES)
    except InvalidDocumentException as e:
        return {"errorMessage": " ".join(str(c) for c in e.causes)}


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        jobs = json.load(f)
    for job in jobs:
        try:
            result = translate(job["input"])
        except Exception as e:  # the translator's own crashes are results too
            result = {"errorMessage": f"{type(e).__name__}: {e}"}
        with open(job["output"], "w", encoding="utf-8") as f:
            json.dump(result, f, indent=1, default=str)


if __name__ == "__main__":
    main()
