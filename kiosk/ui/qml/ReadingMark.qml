import QtQuick
import Kiosk

// Under the text being read aloud: a marker a little larger than the text, drawn behind it.
// One per screen: when the unit being read changes, it finds the text under `texts` whose
// `reading` is true, moves into it and says so (`marked`), so the screen can bring it into view.
// A marker inside every row cost a Rectangle per row, built at every page change.
Rectangle {
    id: mark

    required property Theme theme
    required property Item texts  // what holds the screen's texts
    required property int unit  // the unit being read; -1: none
    property Item target: null  // the text being read; none: the marker shows nowhere

    signal marked(Item item)

    function find(item) {
        if (item.reading === true)
            return item
        for (let i = 0; i < item.children.length; ++i) {
            const found = mark.find(item.children[i])
            if (found)
                return found
        }
        return null
    }
    function follow() {
        mark.target = mark.unit >= 0 ? mark.find(mark.texts) : null
        if (mark.target)
            mark.marked(mark.target)
    }
    onUnitChanged: Qt.callLater(mark.follow)  // once the texts have seen the new unit

    objectName: "readingMark"
    parent: target
    visible: target !== null
    z: -1
    anchors.fill: parent
    anchors.margins: -Math.round(theme.sizes.pad / 4)
    radius: theme.sizes.radius / 2
    color: theme.colors.reading
    border.width: theme.sizes.border
    border.color: theme.colors.readingBorder
}
