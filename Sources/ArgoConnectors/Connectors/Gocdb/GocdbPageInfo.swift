/// GOCDB's paging block: `<meta><link rel="next" href=".."/><count>N</count></meta>`.
struct GocdbPageInfo {
    var nextHref: String?
    var count: Int?
}
