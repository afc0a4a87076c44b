class Solution {
public:
    int ladderLength(string beginWord, string endWord, vector<string>& wordList) {
        if (find(wordList.begin(), wordList.end(), endWord) == wordList.end()) return 0;
        int size = beginWord.size();
        unordered_map<string, vector<string>> buckets;
        for (const string& word : wordList) {
            for (int i = 0; i < size; i++) {
                string pattern = word;
                pattern[i] = '*';
                buckets[pattern].push_back(word);
            }
        }
        unordered_set<string> seen = {beginWord};
        vector<string> level = {beginWord};
        int steps = 1;
        while (!level.empty()) {
            steps++;
            vector<string> next;
            for (const string& word : level) {
                for (int i = 0; i < size; i++) {
                    string pattern = word;
                    pattern[i] = '*';
                    auto it = buckets.find(pattern);
                    if (it == buckets.end()) continue;
                    for (const string& other : it->second) {
                        if (other == endWord) return steps;
                        if (seen.insert(other).second) next.push_back(other);
                    }
                    buckets.erase(it);
                }
            }
            level = move(next);
        }
        return 0;
    }
};
