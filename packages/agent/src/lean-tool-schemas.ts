import { asSchema, jsonSchema, type ToolSet } from "ai";

/**
 * The tool schemas without their `$schema` URI. Every tool's JSON schema carries it, models
 * ignore it, and with a few dozen tools it costs hundreds of prompt tokens on every turn.
 * Validation still uses the tool's own schema.
 */
export function leanToolSchemas(tools: ToolSet): ToolSet {
  return Object.fromEntries(
    Object.entries(tools).map(([name, definition]) => {
      const schema = asSchema(definition.inputSchema);
      const lean = jsonSchema(
        async () => {
          const { $schema: _uri, ...rest } = await schema.jsonSchema;
          return rest;
        },
        schema.validate ? { validate: schema.validate } : undefined,
      );
      return [name, { ...definition, inputSchema: lean }];
    }),
  ) as ToolSet;
}
