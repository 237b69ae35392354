@_exported import ConcordBase
