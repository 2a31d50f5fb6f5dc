pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Dialogs
import QtQuick.Layouts
import Kiosk

// A page's illustration: the picture, and a button to add or replace it with an SVG or PNG
// file. A file the kiosk could not show safely is refused, and `refused` says why.
RowLayout {
    id: cell

    required property string path  // page.<id>.illustration
    required property string value  // the picture's path inside the folder
    required property Studio studio
    required property StudioActions actions
    signal refused(string reason)

    spacing: 10

    Image {
        Layout.preferredWidth: 96
        Layout.preferredHeight: 96
        fillMode: Image.PreserveAspectFit
        sourceSize: Qt.size(192, 192)
        source: cell.studio.fileUrl(cell.value, cell.studio.revision)
    }
    Label {
        Layout.fillWidth: true
        elide: Text.ElideMiddle
        text: cell.value
    }
    Button {
        objectName: "replace-" + cell.path
        text: "Add or replace..."
        onClicked: chooser.open()
    }
    FileDialog {
        id: chooser
        title: "Choose an illustration (SVG or PNG)"
        nameFilters: ["Pictures (*.svg *.png)"]
        onAccepted: cell.refused(cell.actions.replaceIllustration(cell.path, selectedFile))
    }
}
