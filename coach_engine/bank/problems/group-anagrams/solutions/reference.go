func groupAnagrams(strs []string) [][]string {
    index := make(map[[26]byte]int)
    var result [][]string
    for _, word := range strs {
        var key [26]byte
        for i := 0; i < len(word); i++ {
            key[word[i]-'a']++
        }
        if at, ok := index[key]; ok {
            result[at] = append(result[at], word)
        } else {
            index[key] = len(result)
            result = append(result, []string{word})
        }
    }
    return result
}
