"""Prints, as JSON, the logical ids of Resources after cfn-lint's AWS::LanguageExtensions transform, per file.

Used by LanguageExtensionsTests to compare our Fn::ForEach expansion with cfn-lint's. A file cfn-lint cannot
transform (or decode) maps to null. Usage: python3 cfn-lint-language-extensions.py FILE...
"""
import json
import sys

from cfnlint.decode import decode
from cfnlint.template import Template
from cfnlint.template.transforms._language_extensions import language_extension

result = {}
for path in sys.argv[1:]:
    template, _ = decode(path)
    if template is None:
        result[path] = None
        continue
    errors, transformed = language_extension(Template(path, template, ["us-east-1"]))
    result[path] = None if errors or transformed is None else sorted(transformed.get("Resources", {}).keys())
print(json.dumps(result))
