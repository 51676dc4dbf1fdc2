import { asSchema, type JSONSchema7, jsonSchema, type ToolSet } from "ai";

/**
 * JSON Schemas already converted, by tool. Tools are built afresh for every turn (their `execute`
 * closes over the turn), but a tool's input schema is fixed by its code: converting the zod schema
 * again on every turn was the second largest item of a plain turn's CPU profile. The key is the
 * tool's name, description and field names, so a tool whose description or fields vary (a
 * dynamic one) gets its own entry.
 */
const convertedSchemas = new Map<string, JSONSchema7>();
/** A bound on the map, for tools whose descriptions vary without end. */
const MAX_CACHED_SCHEMAS = 500;
let conversions = 0;

/** How many tool schemas were converted to JSON Schema since the isolate started. */
export function toolSchemaConversions(): number {
  return conversions;
}

/**
 * The tool schemas without their `$schema` URI. Every tool's JSON schema carries it, models
 * ignore it, and with a few dozen tools it costs hundreds of prompt tokens on every turn.
 * Validation still uses the tool's own schema; the conversion runs once per tool and isolate.
 */
export function leanToolSchemas(tools: ToolSet): ToolSet {
  return Object.fromEntries(
    Object.entries(tools).map(([name, definition]) => {
      const schema = asSchema(definition.inputSchema);
      const key = schemaKey(name, definition.description, definition.inputSchema);
      const lean = jsonSchema(
        async () => {
          const known = key === undefined ? undefined : convertedSchemas.get(key);
          if (known) return known;
          conversions++;
          const { $schema: _uri, ...rest } = await schema.jsonSchema;
          if (key !== undefined) {
            if (convertedSchemas.size >= MAX_CACHED_SCHEMAS) convertedSchemas.clear();
            convertedSchemas.set(key, rest);
          }
          return rest;
        },
        schema.validate ? { validate: schema.validate } : undefined,
      );
      return [name, { ...definition, inputSchema: lean }];
    }),
  ) as ToolSet;
}

/** Only zod object schemas are keyed: their shape names the fields without converting. */
function schemaKey(name: string, description: unknown, input: unknown) {
  const shape = (input as { shape?: unknown } | undefined)?.shape;
  if (typeof shape !== "object" || shape === null) return undefined;
  // A description computed per call is no fixed key.
  if (description !== undefined && typeof description !== "string") return undefined;
  return JSON.stringify([name, description ?? "", Object.keys(shape)]);
}
