package io.novacron.transport.tcp.jca;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The RAR's ra.xml (JCA 2.1 §20.5) agrees with the beans it names: every config property has a getter and setter of
 * the declared type, its declared default equals the bean's initial value, and no bean property is left undeclared.
 */
class RaXmlTest {

    private static final Path RA_XML = Path.of("../transport-tcp-rar/src/main/rar/META-INF/ra.xml");

    @Test
    void everyBeanPropertyIsDeclaredWithItsTypeAndDefault() throws Exception {
        assertTrue(Files.exists(RA_XML), "ra.xml at " + RA_XML.toAbsolutePath());
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document doc = f.newDocumentBuilder().parse(RA_XML.toFile());
        check(doc, "resourceadapter-class", TcpResourceAdapter.class);
        check(doc, "managedconnectionfactory-class", TcpManagedConnectionFactory.class);
        check(doc, "activationspec-class", TcpActivationSpec.class);
        assertEquals("io.novacron.transport.FrameListener", text(doc, "messagelistener-type"));
        assertEquals(TcpConnectionFactory.class.getName(), text(doc, "connectionfactory-impl-class"));
        assertEquals(TcpConnectionHandle.class.getName(), text(doc, "connection-impl-class"));
    }

    private static void check(Document doc, String classElement, Class<?> bean) throws Exception {
        Element cls = (Element) doc.getElementsByTagNameNS("*", classElement).item(0);
        assertEquals(bean.getName(), cls.getTextContent().trim());
        Object instance = bean.getDeclaredConstructor().newInstance();
        Set<String> declared = new HashSet<>();
        NodeList siblings = cls.getParentNode().getChildNodes();
        for (int i = 0; i < siblings.getLength(); i++) {
            if (!(siblings.item(i) instanceof Element e) || !e.getLocalName().equals("config-property")) {
                continue;
            }
            String name = child(e, "config-property-name");
            String type = child(e, "config-property-type");
            String value = child(e, "config-property-value");
            PropertyDescriptor p = property(bean, name);
            assertNotNull(p.getReadMethod(), bean.getSimpleName() + "." + name + " getter");
            assertNotNull(p.getWriteMethod(), bean.getSimpleName() + "." + name + " setter");
            assertEquals(type, p.getPropertyType().getName(), bean.getSimpleName() + "." + name + " type");
            Object initial = p.getReadMethod().invoke(instance);
            assertEquals(value == null ? "" : value, String.valueOf(initial), bean.getSimpleName() + "." + name + " default");
            declared.add(name);
        }
        for (PropertyDescriptor p : Introspector.getBeanInfo(bean, Object.class).getPropertyDescriptors()) {
            if (p.getWriteMethod() != null && !p.getName().equals("resourceAdapter") && !p.getName().equals("logWriter")) {
                assertTrue(declared.contains(p.getName()), bean.getSimpleName() + "." + p.getName() + " missing from ra.xml");
            }
        }
    }

    private static PropertyDescriptor property(Class<?> bean, String name) throws Exception {
        for (PropertyDescriptor p : Introspector.getBeanInfo(bean, Object.class).getPropertyDescriptors()) {
            if (p.getName().equals(name)) {
                return p;
            }
        }
        throw new AssertionError(bean.getSimpleName() + " has no property " + name);
    }

    private static String child(Element e, String name) {
        NodeList l = e.getElementsByTagNameNS("*", name);
        return l.getLength() == 0 ? null : l.item(0).getTextContent().trim();
    }

    private static String text(Document d, String name) {
        return d.getElementsByTagNameNS("*", name).item(0).getTextContent().trim();
    }
}
