import Foundation
import PostgresNIO

/// One value of a row to insert, typed the way it is bound as a statement parameter.
///
/// Every placeholder is cast to its column's SQL type in the statement text (`$3::bigint`), so `nil` needs
/// no type of its own and a text value can feed a `date` or `jsonb` column.
enum SQLValue: Sendable, Equatable {
    case text(String?)
    case int(Int64?)
    case double(Double?)
    case bool(Bool?)
    case timestamp(Date?)

    static func int(_ value: Int?) -> SQLValue { .int(value.map(Int64.init)) }

    func bind(into bindings: inout PostgresBindings) {
        switch self {
        case .text(let v): if let v { bindings.append(v) } else { bindings.appendNull() }
        case .int(let v): if let v { bindings.append(v) } else { bindings.appendNull() }
        case .double(let v): if let v { bindings.append(v) } else { bindings.appendNull() }
        case .bool(let v): if let v { bindings.append(v) } else { bindings.appendNull() }
        case .timestamp(let v): if let v { bindings.append(v) } else { bindings.appendNull() }
        }
    }
}
