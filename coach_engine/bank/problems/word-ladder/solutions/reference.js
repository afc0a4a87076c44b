/**
 * @param {string} beginWord
 * @param {string} endWord
 * @param {string[]} wordList
 * @return {number}
 */
var ladderLength = function(beginWord, endWord, wordList) {
    if (!wordList.includes(endWord)) return 0;
    const size = beginWord.length;
    const buckets = new Map();
    for (const word of wordList) {
        for (let i = 0; i < size; i++) {
            const pattern = word.slice(0, i) + "*" + word.slice(i + 1);
            if (!buckets.has(pattern)) buckets.set(pattern, []);
            buckets.get(pattern).push(word);
        }
    }
    const seen = new Set([beginWord]);
    let level = [beginWord];
    let steps = 1;
    while (level.length > 0) {
        steps++;
        const next = [];
        for (const word of level) {
            for (let i = 0; i < size; i++) {
                const pattern = word.slice(0, i) + "*" + word.slice(i + 1);
                const bucket = buckets.get(pattern);
                if (bucket === undefined) continue;
                buckets.delete(pattern);
                for (const other of bucket) {
                    if (other === endWord) return steps;
                    if (!seen.has(other)) {
                        seen.add(other);
                        next.push(other);
                    }
                }
            }
        }
        level = next;
    }
    return 0;
};
