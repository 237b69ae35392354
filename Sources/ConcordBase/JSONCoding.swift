/// `Codable` over `JSONValue`, without Foundation: the search path decodes stored records and prints hits with
/// these; the output equals `OutputJSON`'s (keys sorted, nil optionals left out unless encoded explicitly).
public enum JSONCoding {
    /// Decodes a `T` from UTF-8 JSON bytes; string members named in `skipping` decode as "".
    public static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8], skipping: Set<String> = []) throws -> T {
        try T(from: ValueDecoder(value: try JSONParser.parse(bytes, skipping: skipping), codingPath: []))
    }

    /// Decodes a `T` from a parsed value.
    public static func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        try T(from: ValueDecoder(value: value, codingPath: []))
    }

    /// `value` as a `JSONValue`.
    public static func value(of value: some Encodable) throws -> JSONValue {
        let node = Node()
        try encode(value, into: node, path: [])
        return node.value
    }

    /// `value` as compact JSON text, keys sorted.
    public static func string(_ value: some Encodable) throws -> String {
        JSONWriter.string(try Self.value(of: value))
    }
}

// MARK: - Decoding

private struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(stringValue: String) { self.stringValue = stringValue }
    init(intValue: Int) {
        stringValue = String(intValue)
        self.intValue = intValue
    }
}

private func mismatch(_ type: Any.Type, _ value: JSONValue, _ path: [any CodingKey]) -> DecodingError {
    DecodingError.typeMismatch(
        type, DecodingError.Context(codingPath: path, debugDescription: "expected \(type), found \(value)"))
}

private func decodeScalar<T>(_ type: T.Type, from value: JSONValue, path: [any CodingKey]) throws -> T {
    switch value {
    case .bool(let flag) where T.self == Bool.self:
        return flag as! T
    case .string(let text) where T.self == String.self:
        return text as! T
    case .number(let text):
        if T.self == Double.self, let number = Double(text) { return number as! T }
        if T.self == Float.self, let number = Float(text) { return number as! T }
        if let integer = Int64(text) ?? Double(text).flatMap({ $0 == $0.rounded() ? Int64(exactly: $0) : nil }) {
            switch T.self {
            case is Int.Type: if let v = Int(exactly: integer) { return v as! T }
            case is Int8.Type: if let v = Int8(exactly: integer) { return v as! T }
            case is Int16.Type: if let v = Int16(exactly: integer) { return v as! T }
            case is Int32.Type: if let v = Int32(exactly: integer) { return v as! T }
            case is Int64.Type: return integer as! T
            case is UInt.Type: if let v = UInt(exactly: integer) { return v as! T }
            case is UInt8.Type: if let v = UInt8(exactly: integer) { return v as! T }
            case is UInt16.Type: if let v = UInt16(exactly: integer) { return v as! T }
            case is UInt32.Type: if let v = UInt32(exactly: integer) { return v as! T }
            case is UInt64.Type: if let v = UInt64(exactly: integer) { return v as! T }
            default: break
            }
        }
        throw DecodingError.dataCorrupted(
            DecodingError.Context(codingPath: path, debugDescription: "\(text) does not fit \(T.self)"))
    default:
        break
    }
    throw mismatch(T.self, value, path)
}

private struct ValueDecoder: Decoder {
    let value: JSONValue
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = value else { throw mismatch([String: Any].self, value, codingPath) }
        return KeyedDecodingContainer(KeyedContainer<Key>(members: members, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let values) = value else { throw mismatch([Any].self, value, codingPath) }
        return UnkeyedContainer(values: values, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { SingleContainer(value: value, codingPath: codingPath) }
}

private struct SingleContainer: SingleValueDecodingContainer {
    let value: JSONValue
    let codingPath: [any CodingKey]

    func decodeNil() -> Bool { value == .null }
    func decode(_ type: Bool.Type) throws -> Bool { try decodeScalar(type, from: value, path: codingPath) }
    func decode(_ type: String.Type) throws -> String { try decodeScalar(type, from: value, path: codingPath) }
    func decode(_ type: Double.Type) throws -> Double { try decodeScalar(type, from: value, path: codingPath) }
    func decode(_ type: Float.Type) throws -> Float { try decodeScalar(type, from: value, path: codingPath) }
    func decode(_ type: Int.Type) throws -> Int { try decodeScalar(type, from: value, path: codingPath) }
    func decode(_ type: Int8.Type) throws -> Int8 { try decodeScalar(type, from: value, path: codingPath) }
    func decode(_ type: Int16.Type) throws -> Int16 { try decodeScalar(type, from: value, path: codingPath) }
    func decode(_ type: Int32.Type) throws -> Int32 { try decodeScalar(type, from: value, path: codingPath) }
    func decode(_ type: Int64.Type) throws -> Int64 { try decodeScalar(type, from: value, path: codingPath) }
    func decode(_ type: UInt.Type) throws -> UInt { try decodeScalar(type, from: value, path: codingPath) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try decodeScalar(type, from: value, path: codingPath) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try decodeScalar(type, from: value, path: codingPath) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try decodeScalar(type, from: value, path: codingPath) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try decodeScalar(type, from: value, path: codingPath) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try T(from: ValueDecoder(value: value, codingPath: codingPath)) }
}

/// Objects are small: members are looked up in order (the last of a repeated key wins, as in a dictionary),
/// not hashed into a table per object.
private struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let members: [(key: String, value: JSONValue)]
    let codingPath: [any CodingKey]

    var allKeys: [Key] { members.compactMap { Key(stringValue: $0.key) } }
    func contains(_ key: Key) -> Bool { lookup(key.stringValue) != nil }

    private func lookup(_ name: String) -> JSONValue? { members.last { $0.key == name }?.value }

    private func member(_ key: Key) throws -> JSONValue {
        guard let value = lookup(key.stringValue) else {
            throw DecodingError.keyNotFound(
                key, DecodingError.Context(codingPath: codingPath, debugDescription: "no member \"\(key.stringValue)\""))
        }
        return value
    }

    private func single(_ key: Key) throws -> SingleContainer {
        SingleContainer(value: try member(key), codingPath: codingPath + [key])
    }

    func decodeNil(forKey key: Key) throws -> Bool { try member(key) == .null }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try single(key).decode(type) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try single(key).decode(type) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try single(key).decode(type) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try single(key).decode(type) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try single(key).decode(type) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try single(key).decode(type) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try single(key).decode(type) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try single(key).decode(type) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try single(key).decode(type) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try single(key).decode(type) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try single(key).decode(type) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try single(key).decode(type) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try single(key).decode(type) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try single(key).decode(type) }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try single(key).decode(type) }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try ValueDecoder(value: try member(key), codingPath: codingPath + [key]).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try ValueDecoder(value: try member(key), codingPath: codingPath + [key]).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        ValueDecoder(value: lookup("super") ?? .null, codingPath: codingPath + [AnyKey(stringValue: "super")])
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        ValueDecoder(value: lookup(key.stringValue) ?? .null, codingPath: codingPath + [key])
    }
}

private struct UnkeyedContainer: UnkeyedDecodingContainer {
    let values: [JSONValue]
    let codingPath: [any CodingKey]
    var currentIndex = 0

    init(values: [JSONValue], codingPath: [any CodingKey]) {
        self.values = values
        self.codingPath = codingPath
    }

    var count: Int? { values.count }
    var isAtEnd: Bool { currentIndex >= values.count }

    private mutating func next() throws -> ValueDecoder {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(
                Any.self, DecodingError.Context(codingPath: codingPath, debugDescription: "the array has no more elements"))
        }
        defer { currentIndex += 1 }
        return ValueDecoder(value: values[currentIndex], codingPath: codingPath + [AnyKey(intValue: currentIndex)])
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, values[currentIndex] == .null else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try T(from: try next()) }
    mutating func decode(_ type: Bool.Type) throws -> Bool { try next().singleValueContainer().decode(type) }
    mutating func decode(_ type: String.Type) throws -> String { try next().singleValueContainer().decode(type) }
    mutating func decode(_ type: Double.Type) throws -> Double { try next().singleValueContainer().decode(type) }
    mutating func decode(_ type: Int.Type) throws -> Int { try next().singleValueContainer().decode(type) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try next().container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { try next().unkeyedContainer() }
    mutating func superDecoder() throws -> any Decoder { try next() }
}

// MARK: - Encoding

/// A value under construction: containers write into nodes, which become a `JSONValue` at the end.
private final class Node {
    enum Content {
        case empty
        case value(JSONValue)
        case object([String: Node], order: [String])
        case array([Node])
    }

    var content: Content = .empty

    var value: JSONValue {
        switch content {
        case .empty: .object([])
        case .value(let value): value
        case .object(let members, let order): .object(order.compactMap { key in members[key].map { (key, $0.value) } })
        case .array(let nodes): .array(nodes.map(\.value))
        }
    }

    func child(forKey key: String) -> Node {
        var (members, order): ([String: Node], [String])
        if case .object(let m, let o) = content { (members, order) = (m, o) } else { (members, order) = ([:], []) }
        let node = Node()
        if members[key] == nil { order.append(key) }
        members[key] = node
        content = .object(members, order: order)
        return node
    }

    func appendChild() -> Node {
        var nodes: [Node] = []
        if case .array(let existing) = content { nodes = existing }
        let node = Node()
        nodes.append(node)
        content = .array(nodes)
        return node
    }
}

private func scalar(_ value: some Encodable) -> JSONValue? {
    switch value {
    case let flag as Bool: .bool(flag)
    case let text as String: .string(text)
    case let number as Double: .number(JSONWriter.number(number))
    case let number as Float: .number(JSONWriter.number(Double(number)))
    case let number as any BinaryInteger: .number(String(describing: number))
    default: nil
    }
}

private func encode(_ value: some Encodable, into node: Node, path: [any CodingKey]) throws {
    if let scalar = scalar(value) {
        node.content = .value(scalar)
    } else {
        try value.encode(to: ValueEncoder(node: node, codingPath: path))
    }
}

private struct ValueEncoder: Encoder {
    let node: Node
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(node: Node = Node(), codingPath: [any CodingKey]) {
        self.node = node
        self.codingPath = codingPath
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .object = node.content {} else { node.content = .object([:], order: []) }
        return KeyedEncodingContainer(KeyedEncoder<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .array = node.content {} else { node.content = .array([]) }
        return UnkeyedEncoder(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleEncoder(node: node, codingPath: codingPath) }
}

private struct SingleEncoder: SingleValueEncodingContainer {
    let node: Node
    let codingPath: [any CodingKey]

    mutating func encodeNil() throws { node.content = .value(.null) }
    mutating func encode<T: Encodable>(_ value: T) throws { try concordEncode(value, node, codingPath) }
}

private struct KeyedEncoder<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: Node
    let codingPath: [any CodingKey]

    mutating func encodeNil(forKey key: Key) throws { node.child(forKey: key.stringValue).content = .value(.null) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try concordEncode(value, node.child(forKey: key.stringValue), codingPath + [key])
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey>
    {
        ValueEncoder(node: node.child(forKey: key.stringValue), codingPath: codingPath + [key]).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        ValueEncoder(node: node.child(forKey: key.stringValue), codingPath: codingPath + [key]).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        ValueEncoder(node: node.child(forKey: "super"), codingPath: codingPath + [AnyKey(stringValue: "super")])
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        ValueEncoder(node: node.child(forKey: key.stringValue), codingPath: codingPath + [key])
    }
}

private struct UnkeyedEncoder: UnkeyedEncodingContainer {
    let node: Node
    let codingPath: [any CodingKey]
    var count: Int {
        if case .array(let nodes) = node.content { return nodes.count }
        return 0
    }

    mutating func encodeNil() throws { node.appendChild().content = .value(.null) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try concordEncode(value, node.appendChild(), codingPath + [AnyKey(intValue: count)])
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        ValueEncoder(node: node.appendChild(), codingPath: codingPath).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        ValueEncoder(node: node.appendChild(), codingPath: codingPath).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { ValueEncoder(node: node.appendChild(), codingPath: codingPath) }
}

private func concordEncode(_ value: some Encodable, _ node: Node, _ path: [any CodingKey]) throws {
    try encode(value, into: node, path: path)
}
