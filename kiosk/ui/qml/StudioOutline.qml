pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import Kiosk

// What a bundle holds, in the order staff think of it; a click shows that part's form.
ListView {
    id: list

    required property Studio studio
    required property StudioChecks checks

    objectName: "studioOutline"
    clip: true
    model: list.studio.entries
    boundsBehavior: Flickable.StopAtBounds
    ScrollBar.vertical: ScrollBar {}

    delegate: ItemDelegate {
        id: item
        required property var modelData
        readonly property int problems: list.checks.countFor(modelData.key, list.checks.revision)
        objectName: "outline-" + modelData.key
        width: ListView.view.width
        enabled: !modelData.heading
        highlighted: list.studio.current === modelData.key
        leftPadding: 12 + 16 * modelData.indent
        font.bold: modelData.heading
        text: modelData.label + (item.problems > 0 ? "   (" + item.problems + " to fix)" : "")
        onClicked: list.studio.select(modelData.key)
    }
}
