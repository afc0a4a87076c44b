class Solution {
    public List<List<String>> groupAnagrams(String[] strs) {
        Map<String, List<String>> groups = new HashMap<>();
        for (String word : strs) {
            char[] count = new char[26];
            for (int i = 0; i < word.length(); i++) count[word.charAt(i) - 'a']++;
            groups.computeIfAbsent(new String(count), k -> new ArrayList<>()).add(word);
        }
        return new ArrayList<>(groups.values());
    }
}
