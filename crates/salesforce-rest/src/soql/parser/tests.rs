//! Table tests for the SOQL parser: accepted queries against a compact
//! structural dump of the tree, refused ones against kind, message and position.

use super::super::ast::*;
use super::super::error::SoqlErrorKind;
use super::{parse, parse_condition, parse_order_by};

/// A structural dump independent of the renderer, so the two check each other.
fn dump_query(q: &Query) -> String {
    let items: Vec<String> = q.select.iter().map(dump_item).collect();
    let mut out = format!("[{}] {}", items.join(", "), q.from.name);
    if let Some(a) = &q.alias {
        out += &format!("@{}", a.name);
    }
    if let Some(c) = &q.filter {
        out += &format!(" ? {}", dump_cond(c));
    }
    if !q.group_by.is_empty() {
        out += &format!(" group {}", q.group_by.iter().map(path).collect::<Vec<_>>().join(","));
    }
    if !q.order_by.is_empty() {
        let orders: Vec<String> = q
            .order_by
            .iter()
            .map(|o| {
                let nulls = match o.nulls {
                    Some(Nulls::First) => "^",
                    Some(Nulls::Last) => "$",
                    None => "",
                };
                format!("{}{}{nulls}", path(&o.field), if o.descending { "-" } else { "+" })
            })
            .collect();
        out += &format!(" by {}", orders.join(","));
    }
    if let Some(n) = q.limit {
        out += &format!(" limit {n}");
    }
    if let Some(n) = q.offset {
        out += &format!(" offset {n}");
    }
    out
}

fn path(p: &FieldPath) -> String {
    p.parts.iter().map(|i| i.name.as_str()).collect::<Vec<_>>().join(".")
}

fn dump_item(item: &SelectItem) -> String {
    match item {
        SelectItem::Field(p) => path(p),
        SelectItem::Count => "count()".into(),
        SelectItem::Aggregate { function, field, alias } => {
            let alias = alias.as_ref().map(|a| format!("@{}", a.name)).unwrap_or_default();
            format!("{function:?}({}){alias}", path(field))
        }
        SelectItem::ToLabel(p) => format!("label({})", path(p)),
        SelectItem::SubQuery(q) => format!("({})", dump_query(q)),
    }
}

fn dump_value(v: &Value) -> String {
    match v {
        Value::String(s) => format!("{s:?}"),
        Value::Number(n) => format!("#{n}"),
        Value::Bool(b) => b.to_string(),
        Value::Null => "null".into(),
        Value::Date(d) => format!("D{d}"),
        Value::DateTime(dt) => format!("T{}", dt.to_utc_string()),
        Value::DateLiteral(l) => format!("L{l:?}"),
    }
}

fn dump_cond(c: &Condition) -> String {
    let list = |items: &[Condition]| items.iter().map(dump_cond).collect::<Vec<_>>().join(", ");
    let values = |vs: &[Value]| vs.iter().map(dump_value).collect::<Vec<_>>().join(", ");
    match c {
        Condition::And(items) => format!("and({})", list(items)),
        Condition::Or(items) => format!("or({})", list(items)),
        Condition::Not(inner) => format!("not({})", dump_cond(inner)),
        Condition::Compare { field, op, value } => format!("{op:?}({}, {})", path(field), dump_value(value)),
        Condition::Like { field, pattern } => format!("like({}, {pattern:?})", path(field)),
        Condition::In { field, values: vs, negated } => {
            format!("{}({}, [{}])", if *negated { "notin" } else { "in" }, path(field), values(vs))
        }
        Condition::Includes { field, values, excludes } => {
            format!("{}({}, {values:?})", if *excludes { "excludes" } else { "includes" }, path(field))
        }
    }
}

#[test]
fn accepted() {
    let cases: &[(&str, &str)] = &[
        ("SELECT Id FROM Account", "[Id] Account"),
        ("select id,name from account", "[id, name] account"),
        ("  SELECT\n\tId\r\nFROM   Account  ", "[Id] Account"),
        (
            "SELECT Id, Subject, ActivityDate, Status, Priority, IsClosed, Who.Name, What.Name, TaskSubtype FROM Task WHERE OwnerId = '005000000000001AAA' AND IsClosed = false ORDER BY ActivityDate ASC NULLS LAST LIMIT 200",
            "[Id, Subject, ActivityDate, Status, Priority, IsClosed, Who.Name, What.Name, TaskSubtype] Task ? and(Eq(OwnerId, \"005000000000001AAA\"), Eq(IsClosed, false)) by ActivityDate+$ limit 200",
        ),
        ("SELECT COUNT() FROM Contact", "[count()] Contact"),
        ("SELECT COUNT()FROM Contact", "[count()] Contact"),
        ("SeLEct CouNt() myAlias frOM Account", "[count()] Account"),
        (
            "SELECT COUNT(Id), COUNT_DISTINCT(OwnerId) owners, MIN(a.CreatedDate), MAX(Amount) m, SUM(Amount), AVG(Amount) av FROM Opportunity",
            "[Count(Id), CountDistinct(OwnerId)@owners, Min(a.CreatedDate), Max(Amount)@m, Sum(Amount), Avg(Amount)@av] Opportunity",
        ),
        ("SELECT toLabel(Status), Id FROM Task", "[label(Status), Id] Task"),
        ("SELECT Name, (SELECT LastName FROM Contacts WHERE Email != null) FROM Account", "[Name, ([LastName] Contacts ? Ne(Email, null))] Account"),
        (
            "SELECT (SELECT Id, (SELECT Id FROM EmailStatuses) FROM Contacts c LIMIT 1) FROM Account",
            "[([Id, ([Id] EmailStatuses)] Contacts@c limit 1)] Account",
        ),
        ("SELECT a.Name FROM Account a", "[a.Name] Account@a"),
        ("SELECT Id FROM Order ORDER BY OrderNumber", "[Id] Order by OrderNumber+"),
        ("SELECT Order.Name FROM OrderItem", "[Order.Name] OrderItem"),
        ("SELECT Id, Name FROM Group WHERE Type = 'Queue'", "[Id, Name] Group ? Eq(Type, \"Queue\")"),
        ("SELECT A.B.C.D.E.Name FROM X", "[A.B.C.D.E.Name] X"),
        ("SELECT x.A.B.C.D.E.Name FROM X x", "[x.A.B.C.D.E.Name] X@x"),
        ("SELECT LeadSource, COUNT(Name) FROM Lead GROUP BY LeadSource", "[LeadSource, Count(Name)] Lead group LeadSource"),
        (
            "SELECT Industry, Owner.Name, COUNT(Id) n FROM Account WHERE Name != null GROUP BY Industry, Owner.Name ORDER BY Industry LIMIT 5",
            "[Industry, Owner.Name, Count(Id)@n] Account ? Ne(Name, null) group Industry,Owner.Name by Industry+ limit 5",
        ),
        ("SELECT Id FROM Group GROUP BY Id", "[Id] Group group Id"),
        ("SELECT g.Id FROM Group g GROUP BY g.Id", "[g.Id] Group@g group g.Id"),
        // Conditions.
        (
            "SELECT Id FROM X WHERE a = 1 AND b != 2 AND c <> 3 AND d < 4 AND e <= 5 AND f > 6 AND g >= 7",
            "[Id] X ? and(Eq(a, #1), Ne(b, #2), Ne(c, #3), Lt(d, #4), Le(e, #5), Gt(f, #6), Ge(g, #7))",
        ),
        ("SELECT Id FROM X WHERE a = 1 OR b = 2 OR c = 3", "[Id] X ? or(Eq(a, #1), Eq(b, #2), Eq(c, #3))"),
        ("SELECT Id FROM X WHERE (a = 1 OR b = 2) AND c = 3", "[Id] X ? and(or(Eq(a, #1), Eq(b, #2)), Eq(c, #3))"),
        ("SELECT Id FROM X WHERE a = 1 OR (b = 2 AND NOT c = 3)", "[Id] X ? or(Eq(a, #1), and(Eq(b, #2), not(Eq(c, #3))))"),
        ("SELECT Id FROM X WHERE NOT NOT a = 1", "[Id] X ? not(not(Eq(a, #1)))"),
        ("SELECT Id FROM X WHERE NOT (a = 1 OR b = 2)", "[Id] X ? not(or(Eq(a, #1), Eq(b, #2)))"),
        ("SELECT Id FROM X WHERE ((((a = 1))))", "[Id] X ? Eq(a, #1)"),
        ("SELECT Id FROM X WHERE a IN ('x', 'y')", "[Id] X ? in(a, [\"x\", \"y\"])"),
        ("SELECT Id FROM X WHERE a NOT IN (1, null)", "[Id] X ? notin(a, [#1, null])"),
        ("SELECT Id FROM X WHERE NOT a IN ('x')", "[Id] X ? not(in(a, [\"x\"]))"),
        ("SELECT Id FROM X WHERE a INCLUDES ('x;y', 'z')", "[Id] X ? includes(a, [\"x;y\", \"z\"])"),
        ("SELECT Id FROM X WHERE a excludes ('x')", "[Id] X ? excludes(a, [\"x\"])"),
        ("SELECT Id FROM X WHERE Name LIKE 'Ac%'", "[Id] X ? like(Name, \"Ac%\")"),
        (r"SELECT Id FROM X WHERE Name LIKE '100\%\_\\'", r#"[Id] X ? like(Name, "100\\%\\_\\\\")"#),
        (r"SELECT Id FROM X WHERE Name = '100\%\_\\'", r#"[Id] X ? Eq(Name, "100%_\\")"#),
        // Values.
        (
            "SELECT Id FROM X WHERE a = -1.5 AND b = 0 AND c = TRUE AND d = False AND e = NULL",
            "[Id] X ? and(Eq(a, #-1.5), Eq(b, #0), Eq(c, true), Eq(d, false), Eq(e, null))",
        ),
        (
            "SELECT Id FROM X WHERE a = 2024-02-29 AND b > 2005-10-08T01:02:03Z AND c < 1999-01-01T23:01:01-08:00",
            "[Id] X ? and(Eq(a, D2024-02-29), Gt(b, T2005-10-08T01:02:03.000+0000), Lt(c, T1999-01-02T07:01:01.000+0000))",
        ),
        (
            "SELECT Id FROM X WHERE a = today AND b = LAST_N_DAYS:30 AND c = n_years_ago:2 AND d = THIS_QUARTER",
            "[Id] X ? and(Eq(a, LToday), Eq(b, LLastNDays(30)), Eq(c, LNYearsAgo(2)), Eq(d, LThisQuarter))",
        ),
        ("SELECT Id FROM X WHERE a IN (TODAY, 2024-01-01)", "[Id] X ? in(a, [LToday, D2024-01-01])"),
        // ORDER BY, LIMIT, OFFSET.
        ("SELECT Id FROM X ORDER BY a, b DESC, c ASC NULLS FIRST, d.e desc nulls last", "[Id] X by a+,b-,c+^,d.e-$"),
        ("SELECT Id FROM X LIMIT 0", "[Id] X limit 0"),
        ("SELECT Id FROM X OFFSET 2000", "[Id] X offset 2000"),
        ("SELECT Id FROM X WHERE a = 1 ORDER BY a LIMIT 10 OFFSET 5", "[Id] X ? Eq(a, #1) by a+ limit 10 offset 5"),
        ("SELECT Id FROM X x WHERE x.a = 1", "[Id] X@x ? Eq(x.a, #1)"),
        ("SELECT Id FROM X WHERE Name = 'héllo wörld 🎉'", "[Id] X ? Eq(Name, \"héllo wörld 🎉\")"),
    ];
    for &(input, expected) in cases {
        match parse(input) {
            Ok(q) => assert_eq!(dump_query(&q), expected, "{input}"),
            Err(e) => panic!("{input}: {e}"),
        }
    }
}

#[test]
fn refused() {
    use SoqlErrorKind::{MalformedQuery as M, NumberOutsideValidRange as R};
    // (input, kind, message, line, column)
    let cases: &[(&str, SoqlErrorKind, &str, u32, u32)] = &[
        ("", M, "unexpected token: '<EOF>'", 1, 1),
        ("SELECT FROM Account", M, "unexpected token: 'FROM'", 1, 8),
        ("SELECT Id FROM", M, "unexpected token: '<EOF>'", 1, 15),
        ("SELECT Id, FROM Account", M, "unexpected token: 'FROM'", 1, 12),
        ("SELECT Id FROM Account extra garbage", M, "unexpected token: 'garbage'", 1, 30),
        ("SELECT Id FROM Account WHERE", M, "unexpected token: '<EOF>'", 1, 29),
        ("SELECT Id FROM Account LIMIT", M, "unexpected token: '<EOF>'", 1, 29),
        ("SELECT Id FROM Account LIMIT 'x'", M, "unexpected token: 'x'", 1, 30),
        ("SELECT Id FROM Account LIMIT -1", M, "unexpected token: '-1'", 1, 30),
        ("SELECT Id FROM Account LIMIT 1.5", M, "unexpected token: '1.5'", 1, 30),
        ("SELECT Id FROM Account OFFSET 2001", R, "Maximum SOQL offset allowed is 2000", 1, 31),
        ("SELECT Id FROM Account LIMIT 99999999999999999999999", R, "number too large: 99999999999999999999999", 1, 30),
        ("SELECT Id FROM Account OFFSET 1 LIMIT 1", M, "unexpected token: 'LIMIT'", 1, 33),
        ("SELECT Id FROM Account WHERE Id = :acc", M, "Bind variables only allowed in Apex code", 1, 35),
        ("SELECT Id FROM Account WHERE Id IN :ids", M, "Bind variables only allowed in Apex code", 1, 36),
        ("SELECT Id FROM Account LIMIT :n", M, "Bind variables only allowed in Apex code", 1, 30),
        ("SELECT Id FROM Account WHERE Name = 'abc", M, "unterminated string literal", 1, 37),
        ("SELECT Id FROM Account WHERE Name = 'a\\q'", M, "Invalid string literal: illegal character sequence '\\q'", 1, 37),
        ("SELECT Id FROM X WHERE d = 2023-02-30", M, "invalid date or dateTime '2023-02-30'", 1, 28),
        ("SELECT Id FROM X WHERE d = 2023-02-28T25:00:00Z", M, "invalid date or dateTime '2023-02-28T25:00:00Z'", 1, 28),
        ("SELECT Id FROM X WHERE a = 1 AND b = 2 OR c = 3", M, "unexpected token: 'OR'", 1, 40),
        ("SELECT Id FROM X WHERE a = 1 OR b = 2 AND c = 3", M, "unexpected token: 'AND'", 1, 39),
        ("SELECT Id FROM X WHERE (a = 1 OR b = 2", M, "unexpected token: '<EOF>'", 1, 39),
        ("SELECT Id FROM X WHERE a = 1)", M, "unexpected token: ')'", 1, 29),
        ("SELECT Id FROM X WHERE a = foo", M, "unexpected token: 'foo'", 1, 28),
        ("SELECT Id FROM X WHERE a = b.c", M, "unexpected token: 'b'", 1, 28),
        ("SELECT Id FROM X WHERE a LIKE 5", M, "unexpected token: '5'", 1, 31),
        ("SELECT Id FROM X WHERE a NOT LIKE 'x'", M, "unexpected token: 'NOT'", 1, 26),
        ("SELECT Id FROM X WHERE a IN ()", M, "unexpected token: ')'", 1, 30),
        ("SELECT Id FROM X WHERE a INCLUDES (1)", M, "unexpected token: '1'", 1, 36),
        ("SELECT Id FROM X WHERE a IN (SELECT Id FROM Y)", M, "unexpected token: 'SELECT'", 1, 30),
        ("SELECT Id FROM X WHERE a = LAST_N_DAYS", M, "expecting ':' after LAST_N_DAYS", 1, 39),
        ("SELECT Id FROM X WHERE a = LAST_N_DAYS : 3", M, "expecting ':' after LAST_N_DAYS", 1, 40),
        ("SELECT Id FROM X WHERE a = LAST_N_DAYS:-3", M, "unexpected token: '-3'", 1, 40),
        ("SELECT Id FROM X WHERE a = TODAY:3", M, "Bind variables only allowed in Apex code", 1, 33),
        ("SELECT Id FROM X WHERE a = THIS_FISCAL_YEAR", M, "unexpected token: 'THIS_FISCAL_YEAR'", 1, 28),
        ("SELECT Id FROM X WHERE a = 'x' 'y'", M, "unexpected token: 'y'", 1, 32),
        ("SELECT Id, COUNT() FROM X", M, "COUNT() must be the only element in the SELECT list", 1, 12),
        ("SELECT COUNT(), Id FROM X", M, "COUNT() must be the only element in the SELECT list", 1, 17),
        ("SELECT Name n FROM X", M, "unexpected token: 'n'", 1, 13),
        ("SELECT toLabel(Status) s FROM X", M, "unexpected token: 's'", 1, 24),
        ("SELECT FORMAT(Amount) FROM X", M, "Unknown or unsupported function: FORMAT", 1, 8),
        ("SELECT COUNT(Id FROM X", M, "unexpected token: 'FROM'", 1, 17),
        ("SELECT (Id) FROM X", M, "unexpected token: 'Id'", 1, 9),
        ("SELECT (SELECT Id FROM Contacts FROM X", M, "unexpected token: 'FROM'", 1, 33),
        ("SELECT Id FROM Account.Contacts", M, "unexpected token: '.'", 1, 23),
        ("SELECT Contact..Name FROM X", M, "unexpected token: '.'", 1, 16),
        ("SELECT a. FROM X", M, "unexpected token: 'FROM'", 1, 11),
        ("SELECT A.B.C.D.E.F.Name FROM X", M, "A driving SObject type can only be followed by 5 levels of relationships", 1, 20),
        ("SELECT Id FROM X WHERE A.B.C.D.E.F.Name = 1", M, "A driving SObject type can only be followed by 5 levels of relationships", 1, 36),
        ("SELECT Id FROM X GROUP Id", M, "unexpected token: 'Id'", 1, 24),
        ("SELECT Id FROM X GROUP BY", M, "unexpected token: '<EOF>'", 1, 26),
        ("SELECT Id FROM X GROUP BY Id,", M, "unexpected token: '<EOF>'", 1, 30),
        ("SELECT Id FROM X GROUP BY Id HAVING COUNT(Id) > 1", M, "unexpected token: 'HAVING'", 1, 30),
        ("SELECT Id FROM X GROUP BY ROLLUP(Id)", M, "unexpected token: '('", 1, 33),
        ("SELECT Id FROM X ORDER BY Id GROUP BY Id", M, "unexpected token: 'GROUP'", 1, 30),
        ("SELECT Id FROM X GROUP BY A.B.C.D.E.F.Name", M, "A driving SObject type can only be followed by 5 levels of relationships", 1, 39),
        ("SELECT Id FROM X WITH SECURITY_ENFORCED", M, "unexpected token: 'WITH'", 1, 18),
        ("SELECT Id FROM X ORDER Name", M, "unexpected token: 'Name'", 1, 24),
        ("SELECT Id FROM X ORDER BY Name NULLS", M, "unexpected token: '<EOF>'", 1, 37),
        ("SELECT Id FROM X; DELETE", M, "unexpected character: ';'", 1, 17),
        ("SELECT Id\nFROM X\nWHERE a = 1 b", M, "unexpected token: 'b'", 3, 13),
        ("SELECT Ïd FROM X", M, "unexpected character: 'Ï'", 1, 8),
        ("SELECT Id FROM X WHERE Name = 'é' AND ü = 1", M, "unexpected character: 'ü'", 1, 39),
    ];
    for &(input, kind, message, line, column) in cases {
        match parse(input) {
            Ok(q) => panic!("{input}: accepted as {q:?}"),
            Err(e) => {
                assert_eq!((e.kind, e.message.as_str(), e.pos.line, e.pos.column), (kind, message, line, column), "{input}");
            }
        }
    }
}

#[test]
fn nesting_is_capped() {
    let deep = |n: usize| format!("SELECT Id FROM X WHERE {}a = 1{}", "(".repeat(n), ")".repeat(n));
    assert!(parse(&deep(40)).is_ok());
    let err = parse(&deep(100)).expect_err("too deep");
    assert_eq!(err.message, "query is nested too deeply");
    let nots = format!("SELECT Id FROM X WHERE {}a = 1", "NOT ".repeat(1000));
    assert_eq!(parse(&nots).expect_err("too deep").message, "query is nested too deeply");
    let mut sub = "SELECT Id FROM X".to_owned();
    for _ in 0..100 {
        sub = format!("SELECT ({sub}) FROM X");
    }
    assert_eq!(parse(&sub).expect_err("too deep").message, "query is nested too deeply");
}

#[test]
fn positions_are_recorded() {
    let q = parse("SELECT Id,\n  Who.Name FROM Task t WHERE x = 1").expect("parses");
    let SelectItem::Field(who) = &q.select[1] else { panic!("{q:?}") };
    let positions: Vec<(u32, u32)> = who.parts.iter().map(|i| (i.pos.line, i.pos.column)).collect();
    assert_eq!(positions, [(2, 3), (2, 7)]);
    assert_eq!((q.from.pos.line, q.from.pos.column), (2, 17));
    assert_eq!(q.alias.as_ref().map(|a| (a.pos.line, a.pos.column)), Some((2, 22)));
}

#[test]
fn fragments() {
    let cases: &[(&str, Result<&str, &str>)] = &[
        ("Name = 'x' AND Amount > 5", Ok("and(Eq(Name, \"x\"), Gt(Amount, #5))")),
        ("Name = 'x' ORDER BY Name", Err("unexpected token: 'ORDER'")),
        ("", Err("unexpected token: '<EOF>'")),
    ];
    for &(input, expected) in cases {
        let got = parse_condition(input).map(|c| dump_cond(&c)).map_err(|e| e.message);
        assert_eq!(got, expected.map(str::to_owned).map_err(str::to_owned), "{input}");
    }
    let order = parse_order_by("Name DESC NULLS LAST, Id").expect("order");
    assert_eq!(order.len(), 2);
    assert!(order[0].descending && !order[0].nulls_first());
    assert!(parse_order_by("Name,").is_err());
}
