// Coach test driver runtime for C++ solutions: the code that does not depend on the candidate's
// types (JSON reading, string quoting, timing, the result channel). See coach_runtime.hpp.
#include "coach_runtime.hpp"

#include <cxxabi.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <typeinfo>

namespace coach_rt {

// ---- JSON --------------------------------------------------------------------------------------

const Json& Json::get(const std::string& key) const {
    for (size_t i = 0; i < keys.size(); ++i)
        if (keys[i] == key) return items[i];
    throw std::invalid_argument("missing key " + key);
}

namespace {

class Parser {
  public:
    explicit Parser(const std::string& s) : s_(s) {}

    Json parse() {
        Json v = value();
        ws();
        if (pos_ != s_.size()) fail("trailing data");
        return v;
    }

  private:
    const std::string& s_;
    size_t pos_ = 0;

    [[noreturn]] void fail(const char* what) {
        throw std::invalid_argument("bad JSON at " + std::to_string(pos_) + ": " + what);
    }
    void ws() {
        while (pos_ < s_.size() && std::strchr(" \n\t\r", s_[pos_]) && s_[pos_]) ++pos_;
    }
    char peek() {
        ws();
        if (pos_ >= s_.size()) fail("unexpected end");
        return s_[pos_];
    }
    void expect(char c) {
        if (peek() != c) fail("unexpected character");
        ++pos_;
    }
    void literal(const char* word) {
        size_t n = std::strlen(word);
        if (s_.compare(pos_, n, word) != 0) fail("bad literal");
        pos_ += n;
    }

    Json value() {
        Json v;
        char c = peek();
        if (c == '{' || c == '[') {
            ++pos_;
            v.kind = c == '{' ? Json::Obj : Json::Arr;
            char close = c == '{' ? '}' : ']';
            if (peek() == close) {
                ++pos_;
                return v;
            }
            while (true) {
                if (v.kind == Json::Obj) {
                    if (peek() != '"') fail("expected a key");
                    v.keys.push_back(string());
                    expect(':');
                }
                v.items.push_back(value());
                if (peek() == ',') {
                    ++pos_;
                    continue;
                }
                expect(close);
                return v;
            }
        }
        if (c == '"') {
            v.kind = Json::Str;
            v.text = string();
        } else if (c == 't') {
            literal("true");
            v.kind = Json::Bool;
            v.b = true;
        } else if (c == 'f') {
            literal("false");
            v.kind = Json::Bool;
        } else if (c == 'n') {
            literal("null");
        } else {
            size_t start = pos_;
            while (pos_ < s_.size() && std::strchr("+-0123456789.eE", s_[pos_]) && s_[pos_]) ++pos_;
            if (start == pos_) fail("unexpected character");
            v.kind = Json::Num;
            v.text = s_.substr(start, pos_ - start);
        }
        return v;
    }

    static void put_utf8(std::string& out, unsigned cp) {
        if (cp < 0x80) {
            out += static_cast<char>(cp);
        } else if (cp < 0x800) {
            out += static_cast<char>(0xC0 | (cp >> 6));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out += static_cast<char>(0xE0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (cp >> 18));
            out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        }
    }
    unsigned hex4() {
        if (pos_ + 4 > s_.size()) fail("short \\u escape");
        unsigned v = static_cast<unsigned>(std::stoul(s_.substr(pos_, 4), nullptr, 16));
        pos_ += 4;
        return v;
    }
    std::string string() {
        expect('"');
        std::string out;
        while (true) {
            if (pos_ >= s_.size()) fail("unterminated string");
            char c = s_[pos_++];
            if (c == '"') return out;
            if (c != '\\') {
                out += c;
                continue;
            }
            char e = pos_ < s_.size() ? s_[pos_++] : '\\';
            switch (e) {
                case 'n': out += '\n'; break;
                case 't': out += '\t'; break;
                case 'r': out += '\r'; break;
                case 'b': out += '\b'; break;
                case 'f': out += '\f'; break;
                case 'u': {
                    unsigned cp = hex4();
                    if (cp >= 0xD800 && cp < 0xDC00 && s_.compare(pos_, 2, "\\u") == 0) {
                        pos_ += 2;
                        unsigned lo = hex4();
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    }
                    put_utf8(out, cp);
                    break;
                }
                default: out += e;  // " \ /
            }
        }
    }
};

// Length of the valid UTF-8 sequence starting at s[i], or 0.
size_t utf8_len(const std::string& s, size_t i) {
    auto at = [&](size_t k) { return k < s.size() ? static_cast<unsigned char>(s[k]) : 0u; };
    auto cont = [&](size_t k) { return (at(k) & 0xC0) == 0x80; };
    unsigned c = at(i), d = at(i + 1);
    if (c >= 0xC2 && c <= 0xDF) return cont(i + 1) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        bool second = c == 0xE0 ? (d >= 0xA0 && d <= 0xBF) : c == 0xED ? (d >= 0x80 && d <= 0x9F) : cont(i + 1);
        return second && cont(i + 2) ? 3 : 0;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        bool second = c == 0xF0 ? (d >= 0x90 && d <= 0xBF) : c == 0xF4 ? (d >= 0x80 && d <= 0x8F) : cont(i + 1);
        return second && cont(i + 2) && cont(i + 3) ? 4 : 0;
    }
    return 0;
}

long long now_ns(clockid_t clock) {
    timespec ts{};
    clock_gettime(clock, &ts);
    return static_cast<long long>(ts.tv_sec) * 1000000000LL + ts.tv_nsec;
}

std::string demangle(const char* name) {
    int status = 0;
    std::unique_ptr<char, void (*)(void*)> s(abi::__cxa_demangle(name, nullptr, nullptr, &status), std::free);
    return status == 0 && s ? std::string(s.get()) : std::string(name);
}

void write_all(int fd, const std::string& data) {
    size_t off = 0;
    while (off < data.size()) {
        ssize_t n = ::write(fd, data.data() + off, data.size() - off);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) std::_Exit(3);  // the host stopped listening: nothing left to report to
        off += static_cast<size_t>(n);
    }
}

}  // namespace

Json parse_json(const std::string& text) { return Parser(text).parse(); }

const std::vector<Json>& array_of(const Json& j) {
    if (j.kind != Json::Arr) throw std::invalid_argument("expected a JSON array");
    return j.items;
}

long long as_ll(const Json& j) {
    if (j.kind != Json::Num) throw std::invalid_argument("expected a number");
    if (j.text.find_first_of(".eE") != std::string::npos)
        return static_cast<long long>(std::strtod(j.text.c_str(), nullptr));
    return std::strtoll(j.text.c_str(), nullptr, 10);
}

double as_double(const Json& j) {
    if (j.kind == Json::Str) {
        if (j.text == "NaN") return std::nan("");
        if (j.text == "Infinity") return HUGE_VAL;
        if (j.text == "-Infinity") return -HUGE_VAL;
    }
    if (j.kind != Json::Num) throw std::invalid_argument("expected a number");
    return std::strtod(j.text.c_str(), nullptr);
}

// ---- decoding ----------------------------------------------------------------------------------

void dec(const Json& j, int& x) { x = static_cast<int>(as_ll(j)); }
void dec(const Json& j, long long& x) { x = as_ll(j); }
void dec(const Json& j, double& x) { x = as_double(j); }
void dec(const Json& j, bool& x) {
    if (j.kind != Json::Bool) throw std::invalid_argument("expected true or false");
    x = j.b;
}
void dec(const Json& j, std::string& x) {
    if (j.kind != Json::Str) throw std::invalid_argument("expected a string");
    x = j.text;
}
void dec(const Json& j, char& x) {
    if (j.kind != Json::Str || j.text.empty()) throw std::invalid_argument("expected one character");
    x = j.text[0];
}
void dec(const Json& j, std::vector<bool>& x) {
    const auto& items = array_of(j);
    x.assign(items.size(), false);
    for (size_t i = 0; i < items.size(); ++i) {
        bool b = false;
        dec(items[i], b);
        x[i] = b;
    }
}

// ---- encoding ----------------------------------------------------------------------------------

void quote(std::string& o, const std::string& s) {
    o += '"';
    for (size_t i = 0; i < s.size();) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c == '"' || c == '\\') {
            o += '\\';
            o += static_cast<char>(c);
            ++i;
        } else if (c == '\n') {
            o += "\\n";
            ++i;
        } else if (c < 0x20 || c == 0x7F) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            o += buf;
            ++i;
        } else if (c < 0x80) {
            o += static_cast<char>(c);
            ++i;
        } else if (size_t n = utf8_len(s, i)) {
            o.append(s, i, n);
            i += n;
        } else {
            o += "\\ufffd";
            ++i;
        }
    }
    o += '"';
}

void enc_double(std::string& o, double d) {
    if (std::isnan(d)) {
        o += "\"NaN\"";
    } else if (std::isinf(d)) {
        o += d > 0 ? "\"Infinity\"" : "\"-Infinity\"";
    } else {
        char buf[64];
        auto r = std::to_chars(buf, buf + sizeof buf, d);  // shortest text that reads back exactly
        o.append(buf, r.ptr);
    }
}

void enc(std::string& o, bool v) { o += v ? "true" : "false"; }
void enc(std::string& o, char v) { quote(o, std::string(1, v)); }
void enc(std::string& o, const std::string& v) { quote(o, v); }
void enc(std::string& o, const char* v) { quote(o, v ? std::string(v) : std::string()); }

// ---- running -----------------------------------------------------------------------------------

std::string describe_current() {
    try {
        throw;
    } catch (const std::exception& e) {
        return demangle(typeid(e).name()) + ": " + e.what();
    } catch (const char* s) {
        return std::string("exception: ") + s;
    } catch (const std::string& s) {
        return "exception: " + s;
    } catch (...) {
        const std::type_info* t = abi::__cxa_current_exception_type();
        return "exception of type " + (t ? demangle(t->name()) : std::string("unknown"));
    }
}

Runner::Runner() {
    // Line-buffered stdout keeps the candidate's printf lines if the process crashes.
    std::setvbuf(stdout, nullptr, _IOLBF, 1 << 16);
    write_all(3, "{\"ready\":true}\n");  // the host charges all CPU from here on to the tests
}

bool Runner::next(size_t) {
    size_t nl;
    char buf[1 << 16];
    while ((nl = pending_.find('\n')) == std::string::npos) {
        ssize_t n = read(0, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        pending_.append(buf, static_cast<size_t>(n));
    }
    case_ = parse_json(pending_.substr(0, nl));
    pending_.erase(0, nl + 1);
    return true;
}

const std::vector<Json>& Runner::args(size_t, size_t arity) const {
    const auto& a = array_of(case_);
    if (a.size() != arity)
        throw std::invalid_argument("case has " + std::to_string(a.size()) + " arguments, the signature " +
                                    std::to_string(arity));
    return a;
}

void Runner::begin(size_t i) {
    started_ = false;
    cpu_ = wall_ = 0;
    std::cout.flush();
    std::fflush(stdout);
    write_all(1, "\x1e__COACH_CASE__ " + std::to_string(i) + "\n");
}

void Runner::start() {
    started_ = true;
    cpu0_ = now_ns(CLOCK_THREAD_CPUTIME_ID);
    wall0_ = now_ns(CLOCK_MONOTONIC);
}

void Runner::stop() {
    if (!started_) return;
    cpu_ = (now_ns(CLOCK_THREAD_CPUTIME_ID) - cpu0_) / 1000;
    wall_ = (now_ns(CLOCK_MONOTONIC) - wall0_) / 1000;
    started_ = false;
}

void Runner::ok(size_t i, const std::string& out) {
    write_all(3, "{\"i\":" + std::to_string(i) + ",\"ok\":true,\"out\":" + out + times() + "}\n");
}

void Runner::fail(size_t i) {
    stop();
    std::string line = "{\"i\":" + std::to_string(i) + ",\"ok\":false,\"error\":";
    quote(line, describe_current());
    write_all(3, line + times() + "}\n");
}

void Runner::finish() {
    std::cout.flush();
    std::fflush(stdout);
    std::_Exit(0);  // skip static destructors and threads the candidate left behind
}

std::string Runner::times() const {
    return ",\"cpu_us\":" + std::to_string(cpu_) + ",\"wall_us\":" + std::to_string(wall_);
}

}  // namespace coach_rt
