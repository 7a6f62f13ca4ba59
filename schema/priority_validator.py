"""Generated from priority.schema.json by fastjsonschema: do not edit; run
python -m nova_priorities.hooks.schema_check after changing the schema."""
# ruff: noqa
# mypy: ignore-errors
SCHEMA_SHA256 = "46337a87bb7fd196261fb2d99ebdb1b2a13e9f7f4989aba508dbc251bbd7e1fd"
VERSION = "2.22.3"
from decimal import Decimal
import re
class JsonSchemaValueException(ValueError):
    def __init__(self, message, value=None, name=None, definition=None, rule=None):
        super().__init__(message)


JsonSchemaValuesException = JsonSchemaValueException


REGEX_PATTERNS = {
    '^[^\\s\\x00-\\x1f\\x7f](?:[^\\x00-\\x1f\\x7f]*[^\\s\\x00-\\x1f\\x7f])?$(?!\\n)': re.compile('^[^\\s\\x00-\\x1f\\x7f](?:[^\\x00-\\x1f\\x7f]*[^\\s\\x00-\\x1f\\x7f])?\\Z(?!\\n)'),
    '^(?:[a-z][a-z0-9]*(?:-[a-z0-9]+)*|[0-9]{4}\\.[0-9]+)/[a-z0-9]+(?:-[a-z0-9]+)*$(?!\\n)': re.compile('^(?:[a-z][a-z0-9]*(?:-[a-z0-9]+)*|[0-9]{4}\\.[0-9]+)/[a-z0-9]+(?:-[a-z0-9]+)*\\Z(?!\\n)'),
    '^[a-z0-9][a-z0-9+.-]+$(?!\\n)': re.compile('^[a-z0-9][a-z0-9+.-]+\\Z(?!\\n)'),
    '^(?![pP][rR][iI][oO][rR][iI][tT][yY]-)[A-Za-z0-9]+(?:[ ._-][A-Za-z0-9]+)*$(?!\\n)': re.compile('^(?![pP][rR][iI][oO][rR][iI][tT][yY]-)[A-Za-z0-9]+(?:[ ._-][A-Za-z0-9]+)*\\Z(?!\\n)'),
    '^(?:[hH][tT][tT][pP][sS]?://[^\\s\\x00-\\x1f\\x7f<>`\\\\]+|[mM][aA][iI][lL][tT][oO]:[^\\s\\x00-\\x1f\\x7f<>`\\\\]+|(?!//)[^\\s\\x00-\\x1f\\x7f:<>`\\\\]+)$(?!\\n)': re.compile('^(?:[hH][tT][tT][pP][sS]?://[^\\s\\x00-\\x1f\\x7f<>`\\\\]+|[mM][aA][iI][lL][tT][oO]:[^\\s\\x00-\\x1f\\x7f<>`\\\\]+|(?!//)[^\\s\\x00-\\x1f\\x7f:<>`\\\\]+)\\Z(?!\\n)')
}

NoneType = type(None)

def validate_https___opendev_org_openstack_nova_priorities_raw_branch_master_schema_priority_schema_json(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'$schema': 'http://json-schema.org/draft-07/schema#', '$id': 'https://opendev.org/openstack/nova-priorities/raw/branch/master/schema/priority.schema.json', 'type': 'object', 'additionalProperties': False, 'required': ['title', 'position'], 'properties': {'title': {'type': 'string', 'minLength': 1, 'pattern': '^[^\\s\\x00-\\x1f\\x7f](?:[^\\x00-\\x1f\\x7f]*[^\\s\\x00-\\x1f\\x7f])?$(?!\\n)', 'maxLength': 120}, 'position': {'type': 'integer', 'minimum': 1, 'maximum': 1000}, 'continues': {'type': 'string', 'maxLength': 200, 'pattern': '^(?:[a-z][a-z0-9]*(?:-[a-z0-9]+)*|[0-9]{4}\\.[0-9]+)/[a-z0-9]+(?:-[a-z0-9]+)*$(?!\\n)'}, 'owners': {'type': 'array', 'maxItems': 20, 'items': {'type': 'object', 'additionalProperties': False, 'required': ['name', 'launchpad'], 'properties': {'name': {'type': 'string', 'minLength': 1, 'pattern': '^[^\\s\\x00-\\x1f\\x7f](?:[^\\x00-\\x1f\\x7f]*[^\\s\\x00-\\x1f\\x7f])?$(?!\\n)', 'maxLength': 100}, 'launchpad': {'type': 'string', 'pattern': '^[a-z0-9][a-z0-9+.-]+$(?!\\n)', 'maxLength': 64}}}}, 'labels': {'type': 'array', 'maxItems': 20, 'uniqueItems': True, 'items': {'type': 'string', 'maxLength': 100, 'pattern': '^(?![pP][rR][iI][oO][rR][iI][tT][yY]-)[A-Za-z0-9]+(?:[ ._-][A-Za-z0-9]+)*$(?!\\n)'}}, 'aliases': {'type': 'array', 'maxItems': 20, 'uniqueItems': True, 'items': {'type': 'string', 'minLength': 1, 'pattern': '^[^\\s\\x00-\\x1f\\x7f](?:[^\\x00-\\x1f\\x7f]*[^\\s\\x00-\\x1f\\x7f])?$(?!\\n)', 'maxLength': 120}}, 'description': {'type': 'string', 'maxLength': 20000}, 'links': {'type': 'array', 'maxItems': 50, 'items': {'type': 'object', 'additionalProperties': False, 'required': ['title', 'url'], 'properties': {'title': {'type': 'string', 'minLength': 1, 'pattern': '^[^\\s\\x00-\\x1f\\x7f](?:[^\\x00-\\x1f\\x7f]*[^\\s\\x00-\\x1f\\x7f])?$(?!\\n)', 'maxLength': 200}, 'url': {'type': 'string', 'format': 'uri-reference', 'maxLength': 2000, 'pattern': '^(?:[hH][tT][tT][pP][sS]?://[^\\s\\x00-\\x1f\\x7f<>`\\\\]+|[mM][aA][iI][lL][tT][oO]:[^\\s\\x00-\\x1f\\x7f<>`\\\\]+|(?!//)[^\\s\\x00-\\x1f\\x7f:<>`\\\\]+)$(?!\\n)'}}}}}, '$comment': 'Patterns end in $(?!\\n): in Python, which checks them here, $ also matches before a final line break, unlike in ECMA-262, which JSON Schema follows.'}, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['title', 'position']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'$schema': 'http://json-schema.org/draft-07/schema#', '$id': 'https://opendev.org/openstack/nova-priorities/raw/branch/master/schema/priority.schema.json', 'type': 'object', 'additionalProperties': False, 'required': ['title', 'position'], 'properties': {'title': {'type': 'string', 'minLength': 1, 'pattern': '^[^\\s\\x00-\\x1f\\x7f](?:[^\\x00-\\x1f\\x7f]*[^\\s\\x00-\\x1f\\x7f])?$(?!\\n)', 'maxLength': 120}, 'position': {'type': 'integer', 'minimum': 1, 'maximum': 1000}, 'continues': {'type': 'string', 'maxLength': 200, 'pattern': '^(?:[a-z][a-z0-9]*(?:-[a-z0-9]+)*|[0-9]{4}\\.[0-9]+)/[a-z0-9]+(?:-[a-z0-9]+)*$(?!\\n)'}, 'owners': {'type': 'array', 'maxItems': 20, 'items': {'type': 'object', 'additionalProperties': False, 'required': ['name', 'launchpad'], 'properties': {'name': {'type': 'string', 'minLength': 1, 'pattern': '^[^\\s\\x00-\\x1f\\x7f](?:[^\\x00-\\x1f\\x7f]*[^\\s\\x00-\\x1f\\x7f])?$(?!\\n)', 'maxLength': 100}, 'launchpad': {'type': 'string', 'pattern': '^[a-z0-9][a-z0-9+.-]+$(?!\\n)', 'maxLength': 64}}}}, 'labels': {'type': 'array', 'maxItems': 20, 'uniqueItems': True, 'items': {'type': 'string', 'maxLength': 100, 'pattern': '^(?![pP][rR][iI][oO][rR][iI][tT][yY]-)[A-Za-z0-9]+(?:[ ._-][A-Za-z0-9]+)*$(?!\\n)'}}, 'aliases': {'type': 'array', 'maxItems': 20, 'uniqueItems': True, 'items': {'type': 'string', 'minLength': 1, 'pattern': '^[^\\s\\x00-\\x1f\\x7f](?:[^\\x00-\\x1f\\x7f]*[^\\s\\x00-\\x1f\\x7f])?$(?!\\n)', 'maxLength': 120}}, 'description': {'type': 'string', 'maxLength': 20000}, 'links': {'type': 'array', 'maxItems': 50, 'items': {'type': 'object', 'additionalProperties': False, 'required': ['title', 'url'], 'properties': {'title': {'type': 'string', 'minLength': 1, 'pattern': '^[^\\s\\x00-\\x1f\\x7f](?:[^\\x00-\\x1f\\x7f]*[^\\s\\x00-\\x1f\\x7f])?$(?!\\n)', 'maxLength': 200}, 'url': {'type': 'string', 'format': 'uri-reference', 'maxLength': 2000, 'pattern': '^(?:[hH][tT][tT][pP][sS]?://[^\\s\\x00-\\x1f\\x7f<>`\\\\]+|[mM][aA][iI][lL][tT][oO]:[^\\s\\x00-\\x1f\\x7f<>`\\\\]+|(?!//)[^\\s\\x00-\\x1f\\x7f:<>`\\\\]+)$(?!\\n)'}}}}}, '$comment': 'Patterns end in $(?!\\n): in Python, which checks them here, $ also matches before a final line break, unlike in ECMA-262, which JSON Schema follows.'}, rule='required')
        data_keys = set(data.keys())
        if "title" in data_keys:
            data_keys.remove("title")
            data__title = data["title"]
            if not isinstance(data__title, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".title must be string", value=data__title, name="" + (name_prefix or "data") + ".title", definition={'type': 'string', 'minLength': 1, 'pattern': '^[^\\s\\x00-\\x1f\\x7f](?:[^\\x00-\\x1f\\x7f]*[^\\s\\x00-\\x1f\\x7f])?$(?!\\n)', 'maxLength': 120}, rule='type')
            if isinstance(data__title, str):
                data__title_len = len(data__title)
                if data__title_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".title must be longer than or equal to 1 characters", value=data__title, name="" + (name_prefix or "data") + ".title", definition={'type': 'string', 'minLength': 1, 'pattern': '^[^\\s\\x00-\\x1f\\x7f](?:[^\\x00-\\x1f\\x7f]*[^\\s\\x00-\\x1f\\x7f])?$(?!\\n)', 'maxLength': 120}, rule='minLength')
                if data__title_len > 120:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".title must be shorter than or equal to 120 characters", value=data__title, name="" + (name_prefix or "data") + ".title", definition={'type': 'string', 'minLength': 1, 'pattern': '^[^\\s\\x00-\\x1f\\x7f](?:[^\\x00-\\x1f\\x7f]*[^\\s\\x00-\\x1f\\x7f])?$(?!\\n)', 'maxLength': 120}, rule='maxLength')
                if not REGEX_PATTERNS['^[^\\s\\x00-\\x1f\\x7f](?:[^\\x00-\\x1f\\x7f]*[^\\s\\x00-\\x1f\\x7f])?$(?!\\n)'].search(data__title):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".title must match pattern ^[^\\s\\x00-\\x1f\\x7f](?:[^\\x00-\\x1f\\x7f]*[^\\s\\x00-\\x1f\\x7f])?$(?!\\n)", value=data__title, name="" + (name_prefix or "data") + ".title", definition={'type': 'string', 'minLength': 1, 'pattern': '^[^\\s\\x00-\\x1f\\x7f](?:[^\\x00-\\x1f\\x7f]*[^\\s\\x00-\\x1f\\x7f])?$(?!\\n)', 'maxLength': 120}, rule='pattern')
        if "position" in data_keys:
            data_keys.remove("position")
            data__position = data["position"]
            if not isinstance(data__position, (int)) and not (isinstance(data__position, float) and data__position.is_integer()) or isinstance(data__position, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".position must be integer", value=data__position, name="" + (name_prefix or "data") + ".position", definition={'type': 'integer', 'minimum': 1, 'maximum': 1000}, rule='type')
            if isinstance(data__position, (int, float, Decimal)) and not isinstance(data__position, bool):
                if data__position < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".position must be bigger than or equal to 1", value=data__position, name="" + (name_prefix or "data") + ".position", definition={'type': 'integer', 'minimum': 1, 'maximum': 1000}, rule='minimum')
                if data__position > 1000:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".position must be smaller than or equal to 1000", value=data__position, name="" + (name_prefix or "data") + ".position", definition={'type': 'integer', 'minimum': 1, 'maximum': 1000}, rule='maximum')
        if "continues" in data_keys:
            data_keys.remove("continues")
            data__continues = data["continues"]
            if not isinstance(data__continues, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".continues must be string", value=data__continues, name="" + (name_prefix or "data") + ".continues", definition={'type': 'string', 'maxLength': 200, 'pattern': '^(?:[a-z][a-z0-9]*(?:-[a-z0-9]+)*|[0-9]{4}\\.[0-9]+)/[a-z0-9]+(?:-[a-z0-9]+)*$(?!\\n)'}, rule='type')
            if isinstance(data__continues, str):
                data__continues_len = len(data__continues)
                if data__continues_len > 200:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".continues must be shorter than or equal to 200 characters", value=data__continues, name="" + (name_prefix or "data") + ".continues", definition={'type': 'string', 'maxLength': 200, 'pattern': '^(?:[a-z][a-z0-9]*(?:-[a-z0-9]+)*|[0-9]{4}\\.[0-9]+)/[a-z0-9]+(?:-[a-z0-9]+)*$(?!\\n)'}, rule='maxLength')
                if not REGEX_PATTERNS['^(?:[a-z][a-z0-9]*(?:-[a-z0-9]+)*|[0-9]{4}\\.[0-9]+)/[a-z0-9]+(?:-[a-z0-9]+)*$(?!\\n)'].search(data__continues):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".continues must match pattern ^(?:[a-z][a-z0-9]*(?:-[a-z0-9]+)*|[0-9]{4}\\.[0-9]+)/[a-z0-9]+(?:-[a-z0-9]+)*$(?!\\n)", value=data__continues, name="" + (name_prefix or "data") + ".continues", definition={'type': 'string', 'maxLength': 200, 'pattern': '^(?:[a-z][a-z0-9]*(?:-[a-z0-9]+)*|[0-9]{4}\\.[0-9]+)/[a-z0-9]+(?:-[a-z0-9]+)*$(?!\\n)'}, rule='pattern')
        if "owners" in data_keys:
            data_keys.remove("owners")
            data__owners = data["owners"]
            if not isinstance(data__owners, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".owners must be array", value=data__owners, name="" + (name_prefix or "data") + ".owners", definition={'type': 'array', 'maxItems': 20, 'items': {'type': 'object', 'additionalProperties': False, 'required': ['name', 'launchpad'], 'properties': {'name': {'type': 'string', 'minLength': 1, 'pattern': '^[^\\s\\x00-\\x1f\\x7f](?:[^\\x00-\\x1f\\x7f]*[^\\s\\x00-\\x1f\\x7f])?$(?!\\n)', 'maxLength': 100}, 'launchpad': {'type': 'string', 'pattern': '^[a-z0-9][a-z0-9+.-]+$(?!\\n)', 'maxLength': 64}}}}, rule='type')
            data__owners_is_list = isinstance(data__owners, (list, tuple))
            if data__owners_is_list:
                data__owners_len = len(data__owners)
                if data__owners_len > 20:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".owners must contain less than or equal to 20 items", value=data__owners, name="" + (name_prefix or "data") + ".owners", definition={'type': 'array', 'maxItems': 20, 'items': {'type': 'object', 'additionalProperties': False, 'required': ['name', 'launchpad'], 'properties': {'name': {'type': 'string', 'minLength': 1, 'pattern': '^[^\\s\\x00-\\x1f\\x7f](?:[^\\x00-\\x1f\\x7f]*[^\\s\\x00-\\x1f\\x7f])?$(?!\\n)', 'maxLength': 100}, 'launchpad': {'type': 'string', 'pattern': '^[a-z0-9][a-z0-9+.-]+$(?!\\n)', 'maxLength': 64}}}}, rule='maxItems')
                for data__owners_x, data__owners_item in enumerate(data__owners):
                    if not isinstance(data__owners_item, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".owners[{data__owners_x}]".format(**locals()) + " must be object", value=data__owners_item, name="" + (name_prefix or "data") + ".owners[{data__owners_x}]".format(**locals()) + "", definition={'type': 'object', 'additionalProperties': False, 'required': ['name', 'launchpad'], 'properties': {'name': {'type': 'string', 'minLength': 1, 'pattern': '^[^\\s\\x00-\\x1f\\x7f](?:[^\\x00-\\x1f\\x7f]*[^\\s\\x00-\\x1f\\x7f])?$(?!\\n)', 'maxLength': 100}, 'launchpad': {'type': 'string', 'pattern': '^[a-z0-9][a-z0-9+.-]+$(?!\\n)', 'maxLength': 64}}}, rule='type')
                    data__owners_item_is_dict = isinstance(data__owners_item, dict)
                    if data__owners_item_is_dict:
                        data__owners_item__missing_keys = set(['name', 'launchpad']) - data__owners_item.keys()
                        if data__owners_item__missing_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".owners[{data__owners_x}]".format(**locals()) + " must contain " + (str(sorted(data__owners_item__missing_keys)) + " properties"), value=data__owners_item, name="" + (name_prefix or "data") + ".owners[{data__owners_x}]".format(**locals()) + "", definition={'type': 'object', 'additionalProperties': False, 'required': ['name', 'launchpad'], 'properties': {'name': {'type': 'string', 'minLength': 1, 'pattern': '^[^\\s\\x00-\\x1f\\x7f](?:[^\\x00-\\x1f\\x7f]*[^\\s\\x00-\\x1f\\x7f])?$(?!\\n)', 'maxLength': 100}, 'launchpad': {'type': 'string', 'pattern': '^[a-z0-9][a-z0-9+.-]+$(?!\\n)', 'maxLength': 64}}}, rule='required')
                        data__owners_item_keys = set(data__owners_item.keys())
                        if "name" in data__owners_item_keys:
                            data__owners_item_keys.remove("name")
                            data__owners_item__name = data__owners_item["name"]
                            if not isinstance(data__owners_item__name, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".owners[{data__owners_x}].name".format(**locals()) + " must be string", value=data__owners_item__name, name="" + (name_prefix or "data") + ".owners[{data__owners_x}].name".format(**locals()) + "", definition={'type': 'string', 'minLength': 1, 'pattern': '^[^\\s\\x00-\\x1f\\x7f](?:[^\\x00-\\x1f\\x7f]*[^\\s\\x00-\\x1f\\x7f])?$(?!\\n)', 'maxLength': 100}, rule='type')
                            if isinstance(data__owners_item__name, str):
                                data__owners_item__name_len = len(data__owners_item__name)
                                if data__owners_item__name_len < 1:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".owners[{data__owners_x}].name".format(**locals()) + " must be longer than or equal to 1 characters", value=data__owners_item__name, name="" + (name_prefix or "data") + ".owners[{data__owners_x}].name".format(**locals()) + "", definition={'type': 'string', 'minLength': 1, 'pattern': '^[^\\s\\x00-\\x1f\\x7f](?:[^\\x00-\\x1f\\x7f]*[^\\s\\x00-\\x1f\\x7f])?$(?!\\n)', 'maxLength': 100}, rule='minLength')
                                if data__owners_item__name_len > 100:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".owners[{data__owners_x}].name".format(**locals()) + " must be shorter than or equal to 100 characters", value=data__owners_item__name, name="" + (name_prefix or "data") + ".owners[{data__owners_x}].name".format(**locals()) + "", definition={'type': 'string', 'minLength': 1, 'pattern': '^[^\\s\\x00-\\x1f\\x7f](?:[^\\x00-\\x1f\\x7f]*[^\\s\\x00-\\x1f\\x7f])?$(?!\\n)', 'maxLength': 100}, rule='maxLength')
                                if not REGEX_PATTERNS['^[^\\s\\x00-\\x1f\\x7f](?:[^\\x00-\\x1f\\x7f]*[^\\s\\x00-\\x1f\\x7f])?$(?!\\n)'].search(data__owners_item__name):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".owners[{data__owners_x}].name".format(**locals()) + " must match pattern ^[^\\s\\x00-\\x1f\\x7f](?:[^\\x00-\\x1f\\x7f]*[^\\s\\x00-\\x1f\\x7f])?$(?!\\n)", value=data__owners_item__name, name="" + (name_prefix or "data") + ".owners[{data__owners_x}].name".format(**locals()) + "", definition={'type': 'string', 'minLength': 1, 'pattern': '^[^\\s\\x00-\\x1f\\x7f](?:[^\\x00-\\x1f\\x7f]*[^\\s\\x00-\\x1f\\x7f])?$(?!\\n)', 'maxLength': 100}, rule='pattern')
                        if "launchpad" in data__owners_item_keys:
                            data__owners_item_keys.remove("launchpad")
                            data__owners_item__launchpad = data__owners_item["launchpad"]
                            if not isinstance(data__owners_item__launchpad, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".owners[{data__owners_x}].launchpad".format(**locals()) + " must be string", value=data__owners_item__launchpad, name="" + (name_prefix or "data") + ".owners[{data__owners_x}].launchpad".format(**locals()) + "", definition={'type': 'string', 'pattern': '^[a-z0-9][a-z0-9+.-]+$(?!\\n)', 'maxLength': 64}, rule='type')
                            if isinstance(data__owners_item__launchpad, str):
                                data__owners_item__launchpad_len = len(data__owners_item__launchpad)
                                if data__owners_item__launchpad_len > 64:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".owners[{data__owners_x}].launchpad".format(**locals()) + " must be shorter than or equal to 64 characters", value=data__owners_item__launchpad, name="" + (name_prefix or "data") + ".owners[{data__owners_x}].launchpad".format(**locals()) + "", definition={'type': 'string', 'pattern': '^[a-z0-9][a-z0-9+.-]+$(?!\\n)', 'maxLength': 64}, rule='maxLength')
                                if not REGEX_PATTERNS['^[a-z0-9][a-z0-9+.-]+$(?!\\n)'].search(data__owners_item__launchpad):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".owners[{data__owners_x}].launchpad".format(**locals()) + " must match pattern ^[a-z0-9][a-z0-9+.-]+$(?!\\n)", value=data__owners_item__launchpad, name="" + (name_prefix or "data") + ".owners[{data__owners_x}].launchpad".format(**locals()) + "", definition={'type': 'string', 'pattern': '^[a-z0-9][a-z0-9+.-]+$(?!\\n)', 'maxLength': 64}, rule='pattern')
                        if data__owners_item_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".owners[{data__owners_x}]".format(**locals()) + " must not contain "+str(data__owners_item_keys)+" properties", value=data__owners_item, name="" + (name_prefix or "data") + ".owners[{data__owners_x}]".format(**locals()) + "", definition={'type': 'object', 'additionalProperties': False, 'required': ['name', 'launchpad'], 'properties': {'name': {'type': 'string', 'minLength': 1, 'pattern': '^[^\\s\\x00-\\x1f\\x7f](?:[^\\x00-\\x1f\\x7f]*[^\\s\\x00-\\x1f\\x7f])?$(?!\\n)', 'maxLength': 100}, 'launchpad': {'type': 'string', 'pattern': '^[a-z0-9][a-z0-9+.-]+$(?!\\n)', 'maxLength': 64}}}, rule='additionalProperties')
        if "labels" in data_keys:
            data_keys.remove("labels")
            data__labels = data["labels"]
            if not isinstance(data__labels, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".labels must be array", value=data__labels, name="" + (name_prefix or "data") + ".labels", definition={'type': 'array', 'maxItems': 20, 'uniqueItems': True, 'items': {'type': 'string', 'maxLength': 100, 'pattern': '^(?![pP][rR][iI][oO][rR][iI][tT][yY]-)[A-Za-z0-9]+(?:[ ._-][A-Za-z0-9]+)*$(?!\\n)'}}, rule='type')
            data__labels_is_list = isinstance(data__labels, (list, tuple))
            if data__labels_is_list:
                data__labels_len = len(data__labels)
                if data__labels_len > 20:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".labels must contain less than or equal to 20 items", value=data__labels, name="" + (name_prefix or "data") + ".labels", definition={'type': 'array', 'maxItems': 20, 'uniqueItems': True, 'items': {'type': 'string', 'maxLength': 100, 'pattern': '^(?![pP][rR][iI][oO][rR][iI][tT][yY]-)[A-Za-z0-9]+(?:[ ._-][A-Za-z0-9]+)*$(?!\\n)'}}, rule='maxItems')
                def fn(var): return frozenset(dict((k, fn(v)) for k, v in var.items()).items()) if hasattr(var, "items") else tuple(fn(v) for v in var) if isinstance(var, (dict, list)) else (bool, var) if isinstance(var, bool) else var
                if data__labels_len > len(set(fn(data__labels_x) for data__labels_x in data__labels)):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".labels must contain unique items", value=data__labels, name="" + (name_prefix or "data") + ".labels", definition={'type': 'array', 'maxItems': 20, 'uniqueItems': True, 'items': {'type': 'string', 'maxLength': 100, 'pattern': '^(?![pP][rR][iI][oO][rR][iI][tT][yY]-)[A-Za-z0-9]+(?:[ ._-][A-Za-z0-9]+)*$(?!\\n)'}}, rule='uniqueItems')
                for data__labels_x, data__labels_item in enumerate(data__labels):
                    if not isinstance(data__labels_item, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".labels[{data__labels_x}]".format(**locals()) + " must be string", value=data__labels_item, name="" + (name_prefix or "data") + ".labels[{data__labels_x}]".format(**locals()) + "", definition={'type': 'string', 'maxLength': 100, 'pattern': '^(?![pP][rR][iI][oO][rR][iI][tT][yY]-)[A-Za-z0-9]+(?:[ ._-][A-Za-z0-9]+)*$(?!\\n)'}, rule='type')
                    if isinstance(data__labels_item, str):
                        data__labels_item_len = len(data__labels_item)
                        if data__labels_item_len > 100:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".labels[{data__labels_x}]".format(**locals()) + " must be shorter than or equal to 100 characters", value=data__labels_item, name="" + (name_prefix or "data") + ".labels[{data__labels_x}]".format(**locals()) + "", definition={'type': 'string', 'maxLength': 100, 'pattern': '^(?![pP][rR][iI][oO][rR][iI][tT][yY]-)[A-Za-z0-9]+(?:[ ._-][A-Za-z0-9]+)*$(?!\\n)'}, rule='maxLength')
                        if not REGEX_PATTERNS['^(?![pP][rR][iI][oO][rR][iI][tT][yY]-)[A-Za-z0-9]+(?:[ ._-][A-Za-z0-9]+)*$(?!\\n)'].search(data__labels_item):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".labels[{data__labels_x}]".format(**locals()) + " must match pattern ^(?![pP][rR][iI][oO][rR][iI][tT][yY]-)[A-Za-z0-9]+(?:[ ._-][A-Za-z0-9]+)*$(?!\\n)", value=data__labels_item, name="" + (name_prefix or "data") + ".labels[{data__labels_x}]".format(**locals()) + "", definition={'type': 'string', 'maxLength': 100, 'pattern': '^(?![pP][rR][iI][oO][rR][iI][tT][yY]-)[A-Za-z0-9]+(?:[ ._-][A-Za-z0-9]+)*$(?!\\n)'}, rule='pattern')
        if "aliases" in data_keys:
            data_keys.remove("aliases")
            data__aliases = data["aliases"]
            if not isinstance(data__aliases, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".aliases must be array", value=data__aliases, name="" + (name_prefix or "data") + ".aliases", definition={'type': 'array', 'maxItems': 20, 'uniqueItems': True, 'items': {'type': 'string', 'minLength': 1, 'pattern': '^[^\\s\\x00-\\x1f\\x7f](?:[^\\x00-\\x1f\\x7f]*[^\\s\\x00-\\x1f\\x7f])?$(?!\\n)', 'maxLength': 120}}, rule='type')
            data__aliases_is_list = isinstance(data__aliases, (list, tuple))
            if data__aliases_is_list:
                data__aliases_len = len(data__aliases)
                if data__aliases_len > 20:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".aliases must contain less than or equal to 20 items", value=data__aliases, name="" + (name_prefix or "data") + ".aliases", definition={'type': 'array', 'maxItems': 20, 'uniqueItems': True, 'items': {'type': 'string', 'minLength': 1, 'pattern': '^[^\\s\\x00-\\x1f\\x7f](?:[^\\x00-\\x1f\\x7f]*[^\\s\\x00-\\x1f\\x7f])?$(?!\\n)', 'maxLength': 120}}, rule='maxItems')
                def fn(var): return frozenset(dict((k, fn(v)) for k, v in var.items()).items()) if hasattr(var, "items") else tuple(fn(v) for v in var) if isinstance(var, (dict, list)) else (bool, var) if isinstance(var, bool) else var
                if data__aliases_len > len(set(fn(data__aliases_x) for data__aliases_x in data__aliases)):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".aliases must contain unique items", value=data__aliases, name="" + (name_prefix or "data") + ".aliases", definition={'type': 'array', 'maxItems': 20, 'uniqueItems': True, 'items': {'type': 'string', 'minLength': 1, 'pattern': '^[^\\s\\x00-\\x1f\\x7f](?:[^\\x00-\\x1f\\x7f]*[^\\s\\x00-\\x1f\\x7f])?$(?!\\n)', 'maxLength': 120}}, rule='uniqueItems')
                for data__aliases_x, data__aliases_item in enumerate(data__aliases):
                    if not isinstance(data__aliases_item, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".aliases[{data__aliases_x}]".format(**locals()) + " must be string", value=data__aliases_item, name="" + (name_prefix or "data") + ".aliases[{data__aliases_x}]".format(**locals()) + "", definition={'type': 'string', 'minLength': 1, 'pattern': '^[^\\s\\x00-\\x1f\\x7f](?:[^\\x00-\\x1f\\x7f]*[^\\s\\x00-\\x1f\\x7f])?$(?!\\n)', 'maxLength': 120}, rule='type')
                    if isinstance(data__aliases_item, str):
                        data__aliases_item_len = len(data__aliases_item)
                        if data__aliases_item_len < 1:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".aliases[{data__aliases_x}]".format(**locals()) + " must be longer than or equal to 1 characters", value=data__aliases_item, name="" + (name_prefix or "data") + ".aliases[{data__aliases_x}]".format(**locals()) + "", definition={'type': 'string', 'minLength': 1, 'pattern': '^[^\\s\\x00-\\x1f\\x7f](?:[^\\x00-\\x1f\\x7f]*[^\\s\\x00-\\x1f\\x7f])?$(?!\\n)', 'maxLength': 120}, rule='minLength')
                        if data__aliases_item_len > 120:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".aliases[{data__aliases_x}]".format(**locals()) + " must be shorter than or equal to 120 characters", value=data__aliases_item, name="" + (name_prefix or "data") + ".aliases[{data__aliases_x}]".format(**locals()) + "", definition={'type': 'string', 'minLength': 1, 'pattern': '^[^\\s\\x00-\\x1f\\x7f](?:[^\\x00-\\x1f\\x7f]*[^\\s\\x00-\\x1f\\x7f])?$(?!\\n)', 'maxLength': 120}, rule='maxLength')
                        if not REGEX_PATTERNS['^[^\\s\\x00-\\x1f\\x7f](?:[^\\x00-\\x1f\\x7f]*[^\\s\\x00-\\x1f\\x7f])?$(?!\\n)'].search(data__aliases_item):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".aliases[{data__aliases_x}]".format(**locals()) + " must match pattern ^[^\\s\\x00-\\x1f\\x7f](?:[^\\x00-\\x1f\\x7f]*[^\\s\\x00-\\x1f\\x7f])?$(?!\\n)", value=data__aliases_item, name="" + (name_prefix or "data") + ".aliases[{data__aliases_x}]".format(**locals()) + "", definition={'type': 'string', 'minLength': 1, 'pattern': '^[^\\s\\x00-\\x1f\\x7f](?:[^\\x00-\\x1f\\x7f]*[^\\s\\x00-\\x1f\\x7f])?$(?!\\n)', 'maxLength': 120}, rule='pattern')
        if "description" in data_keys:
            data_keys.remove("description")
            data__description = data["description"]
            if not isinstance(data__description, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".description must be string", value=data__description, name="" + (name_prefix or "data") + ".description", definition={'type': 'string', 'maxLength': 20000}, rule='type')
            if isinstance(data__description, str):
                data__description_len = len(data__description)
                if data__description_len > 20000:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".description must be shorter than or equal to 20000 characters", value=data__description, name="" + (name_prefix or "data") + ".description", definition={'type': 'string', 'maxLength': 20000}, rule='maxLength')
        if "links" in data_keys:
            data_keys.remove("links")
            data__links = data["links"]
            if not isinstance(data__links, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".links must be array", value=data__links, name="" + (name_prefix or "data") + ".links", definition={'type': 'array', 'maxItems': 50, 'items': {'type': 'object', 'additionalProperties': False, 'required': ['title', 'url'], 'properties': {'title': {'type': 'string', 'minLength': 1, 'pattern': '^[^\\s\\x00-\\x1f\\x7f](?:[^\\x00-\\x1f\\x7f]*[^\\s\\x00-\\x1f\\x7f])?$(?!\\n)', 'maxLength': 200}, 'url': {'type': 'string', 'format': 'uri-reference', 'maxLength': 2000, 'pattern': '^(?:[hH][tT][tT][pP][sS]?://[^\\s\\x00-\\x1f\\x7f<>`\\\\]+|[mM][aA][iI][lL][tT][oO]:[^\\s\\x00-\\x1f\\x7f<>`\\\\]+|(?!//)[^\\s\\x00-\\x1f\\x7f:<>`\\\\]+)$(?!\\n)'}}}}, rule='type')
            data__links_is_list = isinstance(data__links, (list, tuple))
            if data__links_is_list:
                data__links_len = len(data__links)
                if data__links_len > 50:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".links must contain less than or equal to 50 items", value=data__links, name="" + (name_prefix or "data") + ".links", definition={'type': 'array', 'maxItems': 50, 'items': {'type': 'object', 'additionalProperties': False, 'required': ['title', 'url'], 'properties': {'title': {'type': 'string', 'minLength': 1, 'pattern': '^[^\\s\\x00-\\x1f\\x7f](?:[^\\x00-\\x1f\\x7f]*[^\\s\\x00-\\x1f\\x7f])?$(?!\\n)', 'maxLength': 200}, 'url': {'type': 'string', 'format': 'uri-reference', 'maxLength': 2000, 'pattern': '^(?:[hH][tT][tT][pP][sS]?://[^\\s\\x00-\\x1f\\x7f<>`\\\\]+|[mM][aA][iI][lL][tT][oO]:[^\\s\\x00-\\x1f\\x7f<>`\\\\]+|(?!//)[^\\s\\x00-\\x1f\\x7f:<>`\\\\]+)$(?!\\n)'}}}}, rule='maxItems')
                for data__links_x, data__links_item in enumerate(data__links):
                    if not isinstance(data__links_item, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".links[{data__links_x}]".format(**locals()) + " must be object", value=data__links_item, name="" + (name_prefix or "data") + ".links[{data__links_x}]".format(**locals()) + "", definition={'type': 'object', 'additionalProperties': False, 'required': ['title', 'url'], 'properties': {'title': {'type': 'string', 'minLength': 1, 'pattern': '^[^\\s\\x00-\\x1f\\x7f](?:[^\\x00-\\x1f\\x7f]*[^\\s\\x00-\\x1f\\x7f])?$(?!\\n)', 'maxLength': 200}, 'url': {'type': 'string', 'format': 'uri-reference', 'maxLength': 2000, 'pattern': '^(?:[hH][tT][tT][pP][sS]?://[^\\s\\x00-\\x1f\\x7f<>`\\\\]+|[mM][aA][iI][lL][tT][oO]:[^\\s\\x00-\\x1f\\x7f<>`\\\\]+|(?!//)[^\\s\\x00-\\x1f\\x7f:<>`\\\\]+)$(?!\\n)'}}}, rule='type')
                    data__links_item_is_dict = isinstance(data__links_item, dict)
                    if data__links_item_is_dict:
                        data__links_item__missing_keys = set(['title', 'url']) - data__links_item.keys()
                        if data__links_item__missing_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".links[{data__links_x}]".format(**locals()) + " must contain " + (str(sorted(data__links_item__missing_keys)) + " properties"), value=data__links_item, name="" + (name_prefix or "data") + ".links[{data__links_x}]".format(**locals()) + "", definition={'type': 'object', 'additionalProperties': False, 'required': ['title', 'url'], 'properties': {'title': {'type': 'string', 'minLength': 1, 'pattern': '^[^\\s\\x00-\\x1f\\x7f](?:[^\\x00-\\x1f\\x7f]*[^\\s\\x00-\\x1f\\x7f])?$(?!\\n)', 'maxLength': 200}, 'url': {'type': 'string', 'format': 'uri-reference', 'maxLength': 2000, 'pattern': '^(?:[hH][tT][tT][pP][sS]?://[^\\s\\x00-\\x1f\\x7f<>`\\\\]+|[mM][aA][iI][lL][tT][oO]:[^\\s\\x00-\\x1f\\x7f<>`\\\\]+|(?!//)[^\\s\\x00-\\x1f\\x7f:<>`\\\\]+)$(?!\\n)'}}}, rule='required')
                        data__links_item_keys = set(data__links_item.keys())
                        if "title" in data__links_item_keys:
                            data__links_item_keys.remove("title")
                            data__links_item__title = data__links_item["title"]
                            if not isinstance(data__links_item__title, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".links[{data__links_x}].title".format(**locals()) + " must be string", value=data__links_item__title, name="" + (name_prefix or "data") + ".links[{data__links_x}].title".format(**locals()) + "", definition={'type': 'string', 'minLength': 1, 'pattern': '^[^\\s\\x00-\\x1f\\x7f](?:[^\\x00-\\x1f\\x7f]*[^\\s\\x00-\\x1f\\x7f])?$(?!\\n)', 'maxLength': 200}, rule='type')
                            if isinstance(data__links_item__title, str):
                                data__links_item__title_len = len(data__links_item__title)
                                if data__links_item__title_len < 1:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".links[{data__links_x}].title".format(**locals()) + " must be longer than or equal to 1 characters", value=data__links_item__title, name="" + (name_prefix or "data") + ".links[{data__links_x}].title".format(**locals()) + "", definition={'type': 'string', 'minLength': 1, 'pattern': '^[^\\s\\x00-\\x1f\\x7f](?:[^\\x00-\\x1f\\x7f]*[^\\s\\x00-\\x1f\\x7f])?$(?!\\n)', 'maxLength': 200}, rule='minLength')
                                if data__links_item__title_len > 200:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".links[{data__links_x}].title".format(**locals()) + " must be shorter than or equal to 200 characters", value=data__links_item__title, name="" + (name_prefix or "data") + ".links[{data__links_x}].title".format(**locals()) + "", definition={'type': 'string', 'minLength': 1, 'pattern': '^[^\\s\\x00-\\x1f\\x7f](?:[^\\x00-\\x1f\\x7f]*[^\\s\\x00-\\x1f\\x7f])?$(?!\\n)', 'maxLength': 200}, rule='maxLength')
                                if not REGEX_PATTERNS['^[^\\s\\x00-\\x1f\\x7f](?:[^\\x00-\\x1f\\x7f]*[^\\s\\x00-\\x1f\\x7f])?$(?!\\n)'].search(data__links_item__title):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".links[{data__links_x}].title".format(**locals()) + " must match pattern ^[^\\s\\x00-\\x1f\\x7f](?:[^\\x00-\\x1f\\x7f]*[^\\s\\x00-\\x1f\\x7f])?$(?!\\n)", value=data__links_item__title, name="" + (name_prefix or "data") + ".links[{data__links_x}].title".format(**locals()) + "", definition={'type': 'string', 'minLength': 1, 'pattern': '^[^\\s\\x00-\\x1f\\x7f](?:[^\\x00-\\x1f\\x7f]*[^\\s\\x00-\\x1f\\x7f])?$(?!\\n)', 'maxLength': 200}, rule='pattern')
                        if "url" in data__links_item_keys:
                            data__links_item_keys.remove("url")
                            data__links_item__url = data__links_item["url"]
                            if not isinstance(data__links_item__url, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".links[{data__links_x}].url".format(**locals()) + " must be string", value=data__links_item__url, name="" + (name_prefix or "data") + ".links[{data__links_x}].url".format(**locals()) + "", definition={'type': 'string', 'format': 'uri-reference', 'maxLength': 2000, 'pattern': '^(?:[hH][tT][tT][pP][sS]?://[^\\s\\x00-\\x1f\\x7f<>`\\\\]+|[mM][aA][iI][lL][tT][oO]:[^\\s\\x00-\\x1f\\x7f<>`\\\\]+|(?!//)[^\\s\\x00-\\x1f\\x7f:<>`\\\\]+)$(?!\\n)'}, rule='type')
                            if isinstance(data__links_item__url, str):
                                data__links_item__url_len = len(data__links_item__url)
                                if data__links_item__url_len > 2000:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".links[{data__links_x}].url".format(**locals()) + " must be shorter than or equal to 2000 characters", value=data__links_item__url, name="" + (name_prefix or "data") + ".links[{data__links_x}].url".format(**locals()) + "", definition={'type': 'string', 'format': 'uri-reference', 'maxLength': 2000, 'pattern': '^(?:[hH][tT][tT][pP][sS]?://[^\\s\\x00-\\x1f\\x7f<>`\\\\]+|[mM][aA][iI][lL][tT][oO]:[^\\s\\x00-\\x1f\\x7f<>`\\\\]+|(?!//)[^\\s\\x00-\\x1f\\x7f:<>`\\\\]+)$(?!\\n)'}, rule='maxLength')
                                if not REGEX_PATTERNS['^(?:[hH][tT][tT][pP][sS]?://[^\\s\\x00-\\x1f\\x7f<>`\\\\]+|[mM][aA][iI][lL][tT][oO]:[^\\s\\x00-\\x1f\\x7f<>`\\\\]+|(?!//)[^\\s\\x00-\\x1f\\x7f:<>`\\\\]+)$(?!\\n)'].search(data__links_item__url):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".links[{data__links_x}].url".format(**locals()) + " must match pattern ^(?:[hH][tT][tT][pP][sS]?://[^\\s\\x00-\\x1f\\x7f<>`\\\\]+|[mM][aA][iI][lL][tT][oO]:[^\\s\\x00-\\x1f\\x7f<>`\\\\]+|(?!//)[^\\s\\x00-\\x1f\\x7f:<>`\\\\]+)$(?!\\n)", value=data__links_item__url, name="" + (name_prefix or "data") + ".links[{data__links_x}].url".format(**locals()) + "", definition={'type': 'string', 'format': 'uri-reference', 'maxLength': 2000, 'pattern': '^(?:[hH][tT][tT][pP][sS]?://[^\\s\\x00-\\x1f\\x7f<>`\\\\]+|[mM][aA][iI][lL][tT][oO]:[^\\s\\x00-\\x1f\\x7f<>`\\\\]+|(?!//)[^\\s\\x00-\\x1f\\x7f:<>`\\\\]+)$(?!\\n)'}, rule='pattern')
                        if data__links_item_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".links[{data__links_x}]".format(**locals()) + " must not contain "+str(data__links_item_keys)+" properties", value=data__links_item, name="" + (name_prefix or "data") + ".links[{data__links_x}]".format(**locals()) + "", definition={'type': 'object', 'additionalProperties': False, 'required': ['title', 'url'], 'properties': {'title': {'type': 'string', 'minLength': 1, 'pattern': '^[^\\s\\x00-\\x1f\\x7f](?:[^\\x00-\\x1f\\x7f]*[^\\s\\x00-\\x1f\\x7f])?$(?!\\n)', 'maxLength': 200}, 'url': {'type': 'string', 'format': 'uri-reference', 'maxLength': 2000, 'pattern': '^(?:[hH][tT][tT][pP][sS]?://[^\\s\\x00-\\x1f\\x7f<>`\\\\]+|[mM][aA][iI][lL][tT][oO]:[^\\s\\x00-\\x1f\\x7f<>`\\\\]+|(?!//)[^\\s\\x00-\\x1f\\x7f:<>`\\\\]+)$(?!\\n)'}}}, rule='additionalProperties')
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties", value=data, name="" + (name_prefix or "data") + "", definition={'$schema': 'http://json-schema.org/draft-07/schema#', '$id': 'https://opendev.org/openstack/nova-priorities/raw/branch/master/schema/priority.schema.json', 'type': 'object', 'additionalProperties': False, 'required': ['title', 'position'], 'properties': {'title': {'type': 'string', 'minLength': 1, 'pattern': '^[^\\s\\x00-\\x1f\\x7f](?:[^\\x00-\\x1f\\x7f]*[^\\s\\x00-\\x1f\\x7f])?$(?!\\n)', 'maxLength': 120}, 'position': {'type': 'integer', 'minimum': 1, 'maximum': 1000}, 'continues': {'type': 'string', 'maxLength': 200, 'pattern': '^(?:[a-z][a-z0-9]*(?:-[a-z0-9]+)*|[0-9]{4}\\.[0-9]+)/[a-z0-9]+(?:-[a-z0-9]+)*$(?!\\n)'}, 'owners': {'type': 'array', 'maxItems': 20, 'items': {'type': 'object', 'additionalProperties': False, 'required': ['name', 'launchpad'], 'properties': {'name': {'type': 'string', 'minLength': 1, 'pattern': '^[^\\s\\x00-\\x1f\\x7f](?:[^\\x00-\\x1f\\x7f]*[^\\s\\x00-\\x1f\\x7f])?$(?!\\n)', 'maxLength': 100}, 'launchpad': {'type': 'string', 'pattern': '^[a-z0-9][a-z0-9+.-]+$(?!\\n)', 'maxLength': 64}}}}, 'labels': {'type': 'array', 'maxItems': 20, 'uniqueItems': True, 'items': {'type': 'string', 'maxLength': 100, 'pattern': '^(?![pP][rR][iI][oO][rR][iI][tT][yY]-)[A-Za-z0-9]+(?:[ ._-][A-Za-z0-9]+)*$(?!\\n)'}}, 'aliases': {'type': 'array', 'maxItems': 20, 'uniqueItems': True, 'items': {'type': 'string', 'minLength': 1, 'pattern': '^[^\\s\\x00-\\x1f\\x7f](?:[^\\x00-\\x1f\\x7f]*[^\\s\\x00-\\x1f\\x7f])?$(?!\\n)', 'maxLength': 120}}, 'description': {'type': 'string', 'maxLength': 20000}, 'links': {'type': 'array', 'maxItems': 50, 'items': {'type': 'object', 'additionalProperties': False, 'required': ['title', 'url'], 'properties': {'title': {'type': 'string', 'minLength': 1, 'pattern': '^[^\\s\\x00-\\x1f\\x7f](?:[^\\x00-\\x1f\\x7f]*[^\\s\\x00-\\x1f\\x7f])?$(?!\\n)', 'maxLength': 200}, 'url': {'type': 'string', 'format': 'uri-reference', 'maxLength': 2000, 'pattern': '^(?:[hH][tT][tT][pP][sS]?://[^\\s\\x00-\\x1f\\x7f<>`\\\\]+|[mM][aA][iI][lL][tT][oO]:[^\\s\\x00-\\x1f\\x7f<>`\\\\]+|(?!//)[^\\s\\x00-\\x1f\\x7f:<>`\\\\]+)$(?!\\n)'}}}}}, '$comment': 'Patterns end in $(?!\\n): in Python, which checks them here, $ also matches before a final line break, unlike in ECMA-262, which JSON Schema follows.'}, rule='additionalProperties')
    return data
validate = validate_https___opendev_org_openstack_nova_priorities_raw_branch_master_schema_priority_schema_json


def is_valid(data):
    try:
        validate(data)
    except JsonSchemaValueException:
        return False
    return True
