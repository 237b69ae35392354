@_exported import ConcordSearch
