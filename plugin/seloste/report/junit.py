"""JUnit XML, the report format every CI system can show (GitLab, Jenkins, Azure)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from ..fields_repr import FieldsRepr

#: Characters XML 1.0 cannot carry at all (a NUL from a broken page would make the file
#: unreadable for the CI system).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


@dataclass(frozen=True, repr=False)
class Case(FieldsRepr):
    classname: str
    name: str
    failure: str | None = None  # the failure message; None for a passing case
    body: str = ""
    file: str | None = None
    line: int | None = None


def junit_xml(suite: str, cases: list[Case]) -> str:
    failures = sum(1 for c in cases if c.failure is not None)
    counts = {"tests": str(len(cases)), "failures": str(failures), "errors": "0", "skipped": "0"}
    root = ET.Element("testsuites", {"name": "seloste", **counts})
    suite_el = ET.SubElement(root, "testsuite", {"name": suite, **counts})
    for case in cases:
        attrs = {"classname": xml_text(case.classname), "name": xml_text(case.name)}
        if case.file:
            attrs["file"] = xml_text(case.file)
            if case.line:
                attrs["line"] = str(case.line)
        case_el = ET.SubElement(suite_el, "testcase", attrs)
        if case.failure is not None:
            failure = ET.SubElement(
                case_el, "failure", {"message": xml_text(case.failure), "type": case.classname}
            )
            failure.text = xml_text(case.body)
        elif case.body:
            ET.SubElement(case_el, "system-out").text = xml_text(case.body)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")
