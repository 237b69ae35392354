internal import CXapian

/// A Xapian document: opaque data, terms (with or without positions) and values in numbered slots.
public final class Document {
    let pointer: OpaquePointer

    init(pointer: OpaquePointer) {
        self.pointer = pointer
    }

    /// A new, empty document.
    public init() throws(XapianError) {
        pointer = try handle(try checked { cx_document_new($0) })
    }

    deinit {
        cx_document_free(pointer)
    }

    /// The document's id in the database it came from (0 for a new document).
    public var id: UInt32 { cx_document_docid(pointer) }

    /// The document's opaque data.
    public func data() throws(XapianError) -> [UInt8] {
        consumeBytes(try checked { cx_document_data(pointer, $0) })
    }

    /// Replaces the document's data.
    public func setData(_ data: [UInt8]) throws(XapianError) {
        _ = try withBytes(data) { bytes throws(XapianError) in try checked { cx_document_set_data(pointer, bytes, $0) } }
    }

    /// Adds `term` without positions, raising its within-document frequency by `wdf`.
    public func addTerm(_ term: String, wdf: Int = 1) throws(XapianError) {
        _ = try withBytes(term) { bytes throws(XapianError) in
            try checked { cx_document_add_term(pointer, bytes, UInt32(max(0, wdf)), $0) }
        }
    }

    /// Adds a boolean (filter) term: no frequency, no effect on ranking.
    public func addBooleanTerm(_ term: String) throws(XapianError) {
        _ = try withBytes(term) { bytes throws(XapianError) in try checked { cx_document_add_boolean_term(pointer, bytes, $0) } }
    }

    /// Adds `term` at term position `position` (1-based, as TermGenerator counts).
    public func addPosting(_ term: String, at position: Int, wdf: Int = 1) throws(XapianError) {
        _ = try withBytes(term) { bytes throws(XapianError) in
            try checked { cx_document_add_posting(pointer, bytes, UInt32(max(0, position)), UInt32(max(0, wdf)), $0) }
        }
    }

    /// Removes `term`.
    ///
    /// - Throws: `.invalidArgument` when the document does not have it.
    public func removeTerm(_ term: String) throws(XapianError) {
        _ = try withBytes(term) { bytes throws(XapianError) in try checked { cx_document_remove_term(pointer, bytes, $0) } }
    }

    /// The value in `slot` (empty when unset).
    public func value(_ slot: UInt32) throws(XapianError) -> [UInt8] {
        consumeBytes(try checked { cx_document_value(pointer, slot, $0) })
    }

    /// The value in `slot` as UTF-8 text (empty when unset).
    public func stringValue(_ slot: UInt32) throws(XapianError) -> String {
        consumeString(try checked { cx_document_value(pointer, slot, $0) })
    }

    /// Sets the value in `slot` (an empty value clears it).
    public func setValue(_ value: [UInt8], slot: UInt32) throws(XapianError) {
        _ = try withBytes(value) { bytes throws(XapianError) in try checked { cx_document_set_value(pointer, slot, bytes, $0) } }
    }

    /// Sets the value in `slot` to UTF-8 text.
    public func setValue(_ value: String, slot: UInt32) throws(XapianError) {
        _ = try withBytes(value) { bytes throws(XapianError) in try checked { cx_document_set_value(pointer, slot, bytes, $0) } }
    }

    /// Removes every value. On a document read from a database, the values it has there are not read first, as
    /// setting one value reads them all: a caller that sets every value anew spares those reads.
    public func clearValues() throws(XapianError) {
        _ = try checked { cx_document_clear_values(pointer, $0) }
    }

    /// The document's terms, ascending.
    public func terms() throws(XapianError) -> [String] {
        let list = try handle(try checked { cx_document_terms(pointer, $0) })
        defer { cx_strings_free(list) }
        return (0..<cx_strings_count(list)).map { borrowedString(cx_strings_at(list, $0)) }
    }

    /// The document's values by ascending slot.
    public func values() throws(XapianError) -> [(slot: UInt32, value: [UInt8])] {
        let list = try handle(try checked { cx_document_values(pointer, $0) })
        defer { cx_values_free(list) }
        return (0..<cx_values_count(list)).map { (cx_values_slot_at(list, $0), borrowedBytes(cx_values_at(list, $0))) }
    }
}

/// Xapian's sortable serialisation: numbers (and dates as numbers) as strings whose byte order is numeric
/// order, for value slots that sort, collapse and range-filter.
public enum Sortable {
    /// The sortable bytes of `number`.
    public static func serialise(_ number: Double) -> [UInt8] {
        consumeBytes(cx_sortable_serialise(number))
    }

    /// The number that `bytes` serialise (0 for malformed input).
    public static func unserialise(_ bytes: [UInt8]) -> Double {
        bytes.withUnsafeBufferPointer { buffer in
            cx_sortable_unserialise(
                cx_bytes(data: UnsafeRawPointer(buffer.baseAddress)?.assumingMemoryBound(to: CChar.self), length: buffer.count))
        }
    }
}
