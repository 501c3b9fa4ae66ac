import { describe, expect, it } from "vitest";
import { conditions, update } from "../../functions/adapters/dynamodb/update-builder";

interface Item {
  status: "ai" | "human" | "resolved";
  type: string;
  count: number;
  recent: readonly string[];
  firstAt: string;
  note: string;
}
const when = conditions<Item>();

describe("the DynamoDB update builder", () => {
  it("writes SET, ADD and REMOVE clauses with generated names and values", () => {
    expect(
      update<Item>().set("status", "ai").set("type", "conversation").add("count", 2).remove("note").build(),
    ).toEqual({
      UpdateExpression: "SET #n0 = :v0, #n1 = :v1 ADD #n2 :v2 REMOVE #n3",
      ExpressionAttributeNames: { "#n0": "status", "#n1": "type", "#n2": "count", "#n3": "note" },
      ExpressionAttributeValues: { ":v0": "ai", ":v1": "conversation", ":v2": 2 },
    });
  });

  it("keeps a value written once with if_not_exists", () => {
    const built = update<Item>().setIfNotExists("firstAt", "2025-01-01").build();
    expect(built.UpdateExpression).toBe("SET #n0 = if_not_exists(#n0, :v0)");
    expect(built.ExpressionAttributeValues).toEqual({ ":v0": "2025-01-01" });
  });

  it("appends to a list, starting it when absent", () => {
    const built = update<Item>().append("recent", ["hello"]).build();
    expect(built.UpdateExpression).toBe("SET #n0 = list_append(if_not_exists(#n0, :v0), :v1)");
    expect(built.ExpressionAttributeValues).toEqual({ ":v0": [], ":v1": ["hello"] });
  });

  it("renders a condition with the same placeholder for a name used twice", () => {
    const built = update<Item>()
      .set("status", "ai")
      .when(when.or(when.notExists("status"), when.oneOf("status", ["ai", "resolved"])))
      .build();
    expect(built.ConditionExpression).toBe("attribute_not_exists(#n0) OR #n0 IN (:v1, :v2)");
    expect(built.ExpressionAttributeNames).toEqual({ "#n0": "status" });
    expect(built.ExpressionAttributeValues).toEqual({ ":v0": "ai", ":v1": "ai", ":v2": "resolved" });
  });

  it("combines conditions with AND, and checks the item exists by its key", () => {
    const built = update<Item>()
      .set("note", "x")
      .when(when.and(when.exists("pk"), when.equals("type", "conversation")))
      .build();
    expect(built.ConditionExpression).toBe("attribute_exists(#n1) AND #n2 = :v1");
    expect(built.ExpressionAttributeNames).toEqual({ "#n0": "note", "#n1": "pk", "#n2": "type" });
  });

  it("puts parentheses around a nested AND or OR only, never around a single comparison", () => {
    const built = update<Item>()
      .set("note", "x")
      .when(when.and(when.exists("pk"), when.or(when.notExists("status"), when.equals("status", "ai"))))
      .build();
    expect(built.ConditionExpression).toBe(
      "attribute_exists(#n1) AND (attribute_not_exists(#n2) OR #n2 = :v1)",
    );
  });

  it("leaves out the values map when no value is used, as DynamoDB refuses an empty one", () => {
    expect(update<Item>().remove("note").build()).toEqual({
      UpdateExpression: "REMOVE #n0",
      ExpressionAttributeNames: { "#n0": "note" },
    });
  });

  it("refuses to build an update with no action", () => {
    expect(() => update<Item>().when(when.exists("pk")).build()).toThrow(/at least one action/);
  });
});
