pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Kiosk

// What `kiosk bundle validate` would say of the folder as it is now, updated as staff type; a
// click on a problem shows its field with the cursor in it.
ColumnLayout {
    id: pane

    required property Studio studio
    required property StudioChecks checks

    objectName: "studioProblems"
    spacing: 4

    Label {
        objectName: "problemsSummary"
        Layout.fillWidth: true
        Layout.margins: 6
        font.bold: true
        wrapMode: Text.Wrap
        color: pane.checks.errorCount > 0 ? "#a4000f" : "#2d5a27"
        text: pane.checks.errorCount === 0 ? "No problems: this content is ready to build."
            : pane.checks.errorCount === 1 ? "1 problem to fix before a build"
            : pane.checks.errorCount + " problems to fix before a build"
    }
    ListView {
        id: list
        objectName: "problemList"
        Layout.fillWidth: true
        Layout.fillHeight: true
        clip: true
        model: pane.checks.problems
        ScrollBar.vertical: ScrollBar {}
        delegate: ItemDelegate {
            id: problem
            required property var modelData  // {path, where, message, severity}
            required property int index
            objectName: "problem-" + index
            width: ListView.view.width
            onClicked: pane.studio.jumpTo(modelData.path)
            contentItem: Label {
                wrapMode: Text.Wrap
                textFormat: Text.PlainText
                color: problem.modelData.severity === "error" ? "#a4000f" : "#6b4a00"
                text: (problem.modelData.severity === "error" ? "\u2716 " : "\u26A0 Worth a look: ")
                    + problem.modelData.where + ": " + problem.modelData.message
            }
        }
    }
}
