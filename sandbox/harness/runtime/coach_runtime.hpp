// Coach test driver runtime for C++ solutions (protocol: sandbox/spec.py): declarations and the
// templates that depend on the candidate's types.
//
// solution.cpp is: `#include <bits/stdc++.h>` (first, so a precompiled header applies),
// `#include "coach_prelude.hpp"` (using namespace std; ListNode; TreeNode), the candidate's code,
// then `#include "coach_driver.hpp"`: this header and a generated main() that decodes each case
// into LeetCode's C++ types, calls Solution::method and encodes the result. The non-template
// code is in coach_runtime.cpp, compiled once into the runner's cache when it has one: it is
// most of the compile time otherwise.
//
// Everything lives in namespace coach_rt so it cannot clash with the candidate's names.
// ListNode/TreeNode go through templates so a candidate's own (LeetCode-compatible) definitions
// work too. Non-finite doubles are encoded as "NaN", "Infinity", "-Infinity"; invalid UTF-8 in
// strings becomes U+FFFD.
#ifndef COACH_RUNTIME_HPP
#define COACH_RUNTIME_HPP

#include <cstddef>
#include <deque>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <unordered_set>
#include <vector>

namespace coach_rt {

struct Json {
    enum Kind { Null, Bool, Num, Str, Arr, Obj } kind = Null;
    bool b = false;
    std::string text;               // number literal or string value (UTF-8)
    std::vector<Json> items;        // array items or object values
    std::vector<std::string> keys;  // object keys

    const Json& get(const std::string& key) const;
};

Json parse_json(const std::string& text);
const std::vector<Json>& array_of(const Json& j);
long long as_ll(const Json& j);
double as_double(const Json& j);

// ---- decoding: JSON -> LeetCode C++ types ------------------------------------------------------

void dec(const Json& j, int& x);
void dec(const Json& j, long long& x);
void dec(const Json& j, double& x);
void dec(const Json& j, bool& x);
void dec(const Json& j, std::string& x);
void dec(const Json& j, char& x);
void dec(const Json& j, std::vector<bool>& x);

template <class T>
void dec(const Json& j, std::vector<T>& x) {
    const auto& items = array_of(j);
    x.resize(items.size());
    for (size_t i = 0; i < items.size(); ++i) dec(items[i], x[i]);
}

// A node through whichever constructor the candidate's type has: LeetCode's ListNode(int x) /
// TreeNode(int x), a default one (a struct without constructors), or only the full one. Every
// style has the fields val and next (val, left, right), which the callers set: the classic
// `ListNode(int x) : val(x) {}` leaves next uninitialised.
template <class Node>
Node* new_node(int val) {
    Node* n;
    if constexpr (std::is_constructible_v<Node, int>) {
        n = new Node(val);
    } else if constexpr (std::is_default_constructible_v<Node>) {
        n = new Node();
    } else if constexpr (std::is_constructible_v<Node, int, Node*>) {
        n = new Node(val, nullptr);  // only ListNode(int x, ListNode* next)
    } else {
        static_assert(std::is_constructible_v<Node, int, Node*, Node*>,
                      "ListNode/TreeNode needs a constructor taking an int, or a default one");
        n = new Node(val, nullptr, nullptr);
    }
    n->val = val;
    return n;
}

template <class Node>
Node* new_tree_node(int val) {
    Node* n = new_node<Node>(val);
    n->left = nullptr;
    n->right = nullptr;
    return n;
}

template <class Node>
Node* dec_list(const Json& j) {
    const auto& items = array_of(j);
    Node* head = nullptr;
    for (size_t i = items.size(); i-- > 0;) {
        Node* n = new_node<Node>(static_cast<int>(as_ll(items[i])));
        n->next = head;
        head = n;
    }
    return head;
}

// LeetCode level order: children of each non-null node in turn, null for a gap.
template <class Node>
Node* dec_tree(const Json& j) {
    const auto& items = array_of(j);
    if (items.empty() || items[0].kind == Json::Null) return nullptr;
    Node* root = new_tree_node<Node>(static_cast<int>(as_ll(items[0])));
    std::deque<Node*> queue{root};
    size_t i = 1;
    while (!queue.empty() && i < items.size()) {
        Node* node = queue.front();
        queue.pop_front();
        if (i < items.size() && items[i].kind != Json::Null) {
            node->left = new_tree_node<Node>(static_cast<int>(as_ll(items[i])));
            queue.push_back(node->left);
        }
        ++i;
        if (i < items.size() && items[i].kind != Json::Null) {
            node->right = new_tree_node<Node>(static_cast<int>(as_ll(items[i])));
            queue.push_back(node->right);
        }
        ++i;
    }
    return root;
}

// ---- encoding: C++ result -> JSON text (overloads on the type the candidate returned) ---------

void quote(std::string& o, const std::string& s);
void enc_double(std::string& o, double v);
void enc(std::string& o, bool v);
void enc(std::string& o, char v);
void enc(std::string& o, const std::string& v);
void enc(std::string& o, const char* v);

template <class T,
          std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool> && !std::is_same_v<T, char>, int> = 0>
void enc(std::string& o, T v) {
    o += std::to_string(v);
}

template <class T, std::enable_if_t<std::is_floating_point_v<T>, int> = 0>
void enc(std::string& o, T v) {
    enc_double(o, static_cast<double>(v));
}

template <class T>
void enc(std::string& o, const std::vector<T>& v) {
    o += '[';
    bool first = true;
    for (const auto& x : v) {
        if (!first) o += ',';
        first = false;
        enc(o, static_cast<const T&>(x));
    }
    o += ']';
}

template <class Node>
void enc_list(std::string& o, Node* head) {
    std::unordered_set<const void*> seen;
    o += '[';
    for (Node* n = head; n != nullptr; n = n->next) {
        if (!seen.insert(n).second) throw std::runtime_error("Found cycle in the ListNode");
        if (n != head) o += ',';
        enc(o, n->val);
    }
    o += ']';
}

template <class Node>
void enc_tree(std::string& o, Node* root) {
    std::unordered_set<const void*> seen;
    std::vector<Node*> level{root};
    std::string out = "[";
    size_t keep = 1;  // out.size() after the last value: trailing nulls are trimmed
    for (size_t head = 0; head < level.size(); ++head) {
        Node* n = level[head];
        if (head) out += ',';
        if (n == nullptr) {
            out += "null";
            continue;
        }
        if (!seen.insert(n).second) throw std::runtime_error("Found cycle in the TreeNode");
        enc(out, n->val);
        keep = out.size();
        level.push_back(n->left);
        level.push_back(n->right);
    }
    out.resize(keep);
    o += out;
    o += ']';
}

// ---- running -----------------------------------------------------------------------------------

// Describes the exception being handled; call only inside a catch block.
std::string describe_current();

class Runner {
  public:
    Runner();  // writes the ready line
    // Reads case i from stdin (one JSON array per line, fed only after case i-1's result
    // line); false at the end of input.
    bool next(size_t i);
    const std::vector<Json>& args(size_t i, size_t arity) const;
    void begin(size_t i);  // flush the candidate's stdout, write the case marker
    void start();          // the candidate's call starts
    void stop();           // ... and returns
    void ok(size_t i, const std::string& out);
    void fail(size_t i);   // inside a catch block: report the current exception
    [[noreturn]] void finish();

  private:
    Json case_;
    std::string pending_;  // bytes read from stdin past the current case's line
    bool started_ = false;
    long long cpu0_ = 0, wall0_ = 0, cpu_ = 0, wall_ = 0;
    std::string times() const;
};

}  // namespace coach_rt

#endif
