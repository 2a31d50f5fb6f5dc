pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Kiosk

// A page's clinical review: who reviewed it and when, and the button that records a sign-off.
RowLayout {
    id: cell

    required property string path  // review.<page id>
    required property Studio studio

    spacing: 10

    Label {
        objectName: "reviewText-" + cell.path
        Layout.fillWidth: true
        wrapMode: Text.Wrap
        text: cell.studio.fieldValue(cell.path, cell.studio.revision)
    }
    Button {
        objectName: "signOff-" + cell.path
        text: "Sign off this page..."
        onClicked: cell.studio.signOffRequested(cell.path.slice("review.".length))
    }
}
