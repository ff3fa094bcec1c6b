package llm

import "encoding/json"

const systemPrompt = `You turn requests for AWS infrastructure into a JSON stack for SynCloud.
Answer with one JSON object matching the given schema and nothing else.
- "stack.resources" lists Terraform AWS provider (v5) resources and data sources: "type" is the
  provider type (e.g. "aws_instance"), "name" a lower-case identifier, "count" for identical copies,
  "mode": "data" for data sources. "attrs" is an ordered list of {"name", "value"}; nested blocks go in
  "blocks" as {"type", "attrs", "blocks"}.
- Values are JSON literals; a reference to another resource's attribute is {"$ref": "aws_vpc.main.id"}
  (indexes as aws_subnet.private[0].id); a JSON document that needs references is {"$json": value}.
- Use only real resource types and arguments of the AWS provider 5.x. Never write Terraform text,
  interpolations, functions, provisioners, or provider settings (credentials, endpoints, profiles).
- Prefer secure defaults; never put passwords or secrets in values.
- If the request asks for no infrastructure, answer {"nothing": true, "understood": [...]}.
- List every default you chose in "assumptions" and anything you could not place in "unplaced".`

// answerSchema is the JSON schema the model's answer must follow.
var answerSchema = json.RawMessage(`{
  "type": "object",
  "properties": {
    "nothing": {"type": "boolean"},
    "understood": {"type": "array", "items": {"type": "string"}},
    "unplaced": {"type": "array", "items": {"type": "string"}},
    "assumptions": {"type": "array", "items": {"type": "object",
      "properties": {"path": {"type": "string"}, "message": {"type": "string"}}, "required": ["message"]}},
    "stack": {"type": "object", "properties": {
      "region": {"type": "string"},
      "tags": {"type": "object", "additionalProperties": {"type": "string"}},
      "resources": {"type": "array", "items": {"$ref": "#/$defs/resource"}}
    }, "required": ["resources"]}
  },
  "$defs": {
    "resource": {"type": "object", "properties": {
      "mode": {"enum": ["managed", "data"]},
      "type": {"type": "string", "pattern": "^aws_[a-z0-9_]+$"},
      "name": {"type": "string", "pattern": "^[a-z_][a-z0-9_-]*$"},
      "count": {"type": "integer", "minimum": 0},
      "attrs": {"type": "array", "items": {"$ref": "#/$defs/attr"}},
      "blocks": {"type": "array", "items": {"$ref": "#/$defs/block"}}
    }, "required": ["type", "name"]},
    "attr": {"type": "object", "properties": {"name": {"type": "string"}, "value": {}}, "required": ["name", "value"]},
    "block": {"type": "object", "properties": {
      "type": {"type": "string"},
      "attrs": {"type": "array", "items": {"$ref": "#/$defs/attr"}},
      "blocks": {"type": "array", "items": {"$ref": "#/$defs/block"}}
    }, "required": ["type"]}
  }
}`)
