// TermGenerator: stemming, stop words, positions, CJK n-grams and spelling data.
#include "shim.hpp"

#include <cstdint>
#include <unordered_map>

using cx::guarded;
using cx::str;

namespace {

/// A stemmer that remembers the words it stemmed on this thread, for the term generator: a text repeats most
/// of its words, and the Snowball algorithm was a tenth of preparing a document. The stems are Xapian's own,
/// so what is indexed does not change.
class RememberingStem final : public Xapian::StemImplementation {
  public:
    RememberingStem(std::string language, Xapian::Stem stem) : language_(std::move(language)), stem_(std::move(stem)) {}

    std::string operator()(const std::string &word) override {
        Slot &slot = cache_for(language_)[hash(word) & (kSlots - 1)];
        if (slot.used && slot.word == word) return slot.stem;
        std::string stemmed = stem_(word);
        slot.word = word;
        slot.stem = stemmed;
        slot.used = true;
        return stemmed;
    }

    std::string get_description() const override { return language_; }

  private:
    struct Slot {
        std::string word;
        std::string stem;
        bool used = false;
    };
    /// Words remembered per thread and language: a table of this many (about 300 KB), each word in the one slot
    /// its hash names, so a lookup is one comparison (a hash map of 32,768 words cost as much as the stemming it
    /// saved). On the bench's 50 MB subset, 16,384 slots left half the stemming 4,096 do, but their comparisons
    /// missed the processor's caches more often: they saved half a percent of the time (stemming and lookups
    /// from 3.2% to 2.7% of it) for 6 MiB more peak memory.
    static constexpr size_t kSlots = 1 << 12;
    using Cache = std::vector<Slot>;

    static uint32_t hash(const std::string &word) {
        uint32_t value = 0x811C9DC5u;
        for (unsigned char byte : word) value = (value ^ byte) * 0x01000193u;
        return value ^ (value >> 15);
    }

    /// This thread's cache for `language`. Never shared between threads, so it needs no lock: a generator
    /// used on two threads uses two caches.
    static Cache &cache_for(const std::string &language) {
        thread_local std::unordered_map<std::string, Cache> caches;
        thread_local const std::string *last_language = nullptr;
        thread_local Cache *last = nullptr;
        if (last && *last_language == language) return *last;
        auto entry = caches.try_emplace(language, kSlots).first;
        last_language = &entry->first;
        last = &entry->second;
        return *last;
    }

    std::string language_;
    Xapian::Stem stem_;
};

}  // namespace

extern "C" {

cx_termgen *cx_termgen_new(cx_error *error) noexcept {
    return guarded(error, static_cast<cx_termgen *>(nullptr), [&] { return new cx_termgen(); });
}

void cx_termgen_free(cx_termgen *tg) noexcept { delete tg; }

cx_bytes cx_stem_word(const char *language, cx_bytes word, cx_error *error) noexcept {
    return guarded(error, cx_bytes{nullptr, 0}, [&] { return cx::owned(cx::stemmer(language)(str(word))); });
}

cx_stemmer *cx_stemmer_new(const char *language, cx_error *error) noexcept {
    return guarded(error, static_cast<cx_stemmer *>(nullptr), [&] { return new cx_stemmer{cx::stemmer(language)}; });
}

cx_bytes cx_stemmer_stem(cx_stemmer *stemmer, cx_bytes word, cx_error *error) noexcept {
    return guarded(error, cx_bytes{nullptr, 0}, [&] { return cx::owned(stemmer->handle(str(word))); });
}

void cx_stemmer_free(cx_stemmer *stemmer) noexcept { delete stemmer; }

bool cx_termgen_set_stemmer(cx_termgen *tg, const char *language, cx_error *error) noexcept {
    return guarded(error, false, [&] {
        Xapian::Stem plain = cx::stemmer(language);
        // "none" stems nothing: nothing to remember.
        tg->stemmer = plain.is_none() ? plain : Xapian::Stem(new RememberingStem(language, plain));
        tg->handle.set_stemmer(tg->stemmer);
        return true;
    });
}

bool cx_termgen_set_stemming_strategy(cx_termgen *tg, cx_stem_strategy strategy, cx_error *error) noexcept {
    return guarded(error, false, [&] { tg->handle.set_stemming_strategy(cx::tg_strategy(strategy)); return true; });
}

bool cx_termgen_set_stop_words(cx_termgen *tg, const cx_bytes *words, size_t count, cx_error *error) noexcept {
    return guarded(error, false, [&] {
        auto stopper = cx::stopper(words, count);
        tg->handle.set_stopper(stopper.get());
        tg->stopper = std::move(stopper);
        return true;
    });
}

bool cx_termgen_set_cjk_ngram(cx_termgen *tg, bool on, cx_error *error) noexcept {
    return guarded(error, false, [&] {
        tg->handle.set_flags(on ? Xapian::TermGenerator::FLAG_CJK_NGRAM : 0, ~Xapian::TermGenerator::FLAG_CJK_NGRAM);
        return true;
    });
}

bool cx_termgen_set_spelling_database(cx_termgen *tg, cx_database *db, cx_error *error) noexcept {
    return guarded(error, false, [&] {
        if (db) {
            if (!db->writable) throw Xapian::InvalidOperationError("spelling data needs a writable database");
            tg->handle.set_database(db->writable_handle);
            tg->handle.set_flags(Xapian::TermGenerator::FLAG_SPELLING, ~Xapian::TermGenerator::FLAG_SPELLING);
        } else {
            tg->handle.set_flags(0, ~Xapian::TermGenerator::FLAG_SPELLING);
        }
        return true;
    });
}

bool cx_termgen_set_document(cx_termgen *tg, cx_document *doc, cx_error *error) noexcept {
    return guarded(error, false, [&] { tg->handle.set_document(doc->handle); return true; });
}

bool cx_termgen_index_text(cx_termgen *tg, cx_bytes text, unsigned wdf_increment, cx_bytes prefix, bool with_positions,
                           cx_error *error) noexcept {
    return guarded(error, false, [&] {
        if (with_positions) {
            tg->handle.index_text(str(text), wdf_increment, str(prefix));
        } else {
            tg->handle.index_text_without_positions(str(text), wdf_increment, str(prefix));
        }
        return true;
    });
}

bool cx_termgen_increase_termpos(cx_termgen *tg, unsigned delta, cx_error *error) noexcept {
    return guarded(error, false, [&] { tg->handle.increase_termpos(delta); return true; });
}

unsigned cx_termgen_termpos(const cx_termgen *tg) noexcept {
    return guarded(nullptr, 0u, [&] { return unsigned(tg->handle.get_termpos()); });
}

}  // extern "C"
