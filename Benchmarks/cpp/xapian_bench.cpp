// The same work as Benchmarks/XapianWrapperBench/main.swift, written directly against libxapian in C++,
// for scripts/bench xapian to compare the Swift wrapper's overhead with.
#include <xapian.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

static std::vector<std::string> lines(const char *path) {
    std::ifstream in(path);
    std::vector<std::string> result;
    std::string line;
    while (std::getline(in, line)) if (!line.empty()) result.push_back(line);
    return result;
}

int main(int argc, char **argv) {
    if (argc != 5) {
        std::puts("usage: xapian_bench DOCS QUERIES DBPATH ROUNDS");
        return 2;
    }
    try {
        auto documents = lines(argv[1]);
        auto queries = lines(argv[2]);
        int rounds = std::stoi(argv[4]);
        using clock = std::chrono::steady_clock;

        auto index_start = clock::now();
        {
            Xapian::WritableDatabase database(argv[3], Xapian::DB_CREATE_OR_OVERWRITE);
            Xapian::TermGenerator generator;
            generator.set_stemmer(Xapian::Stem("english"));
            for (size_t i = 0; i < documents.size(); ++i) {
                Xapian::Document document;
                generator.set_document(document);
                generator.index_text(documents[i]);
                std::string id_term = "Q" + std::to_string(i);
                document.add_boolean_term(id_term);
                document.set_data(documents[i]);
                database.replace_document(id_term, document);
            }
            database.commit();
            database.close();
        }
        double index_time = std::chrono::duration<double>(clock::now() - index_start).count();

        auto query_start = clock::now();
        Xapian::Database reader(argv[3]);
        Xapian::QueryParser parser;
        parser.set_stemmer(Xapian::Stem("english"));
        parser.set_database(reader);
        double checksum = 0;
        Xapian::Stem stemmer("english");
        for (int r = 0; r < rounds; ++r) {
            for (const auto &text : queries) {
                Xapian::Enquire enquire(reader);
                enquire.set_query(parser.parse_query(text));
                Xapian::MSet matches = enquire.get_mset(0, 10);
                for (auto it = matches.begin(); it != matches.end(); ++it) {
                    checksum += it.get_weight();
                    std::string data = it.get_document().get_data();
                    checksum += matches.snippet(data, 200, stemmer, Xapian::MSet::SNIPPET_BACKGROUND_MODEL |
                                                Xapian::MSet::SNIPPET_EXHAUSTIVE, "<b>", "</b>", "…").size();
                }
            }
        }
        double query_time = std::chrono::duration<double>(clock::now() - query_start).count();
        std::printf("index %f\nquery %f\nchecksum %ld\n", index_time, query_time, long(checksum));
    } catch (const Xapian::Error &e) {
        std::fprintf(stderr, "xapian_bench: %s\n", e.get_description().c_str());
        return 1;
    }
    return 0;
}
