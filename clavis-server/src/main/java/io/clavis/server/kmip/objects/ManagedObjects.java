package io.clavis.server.kmip.objects;

import io.clavis.core.crypto.SecretAccess;
import io.clavis.core.crypto.SecretBytes;
import io.clavis.core.key.KeyAlgorithm;
import io.clavis.core.key.KeyFamily;
import io.clavis.core.key.KeyMaterial;
import io.clavis.core.policy.ResourceType;
import io.clavis.core.policy.Verb;
import io.clavis.kmip.spec.AdjustmentType;
import io.clavis.kmip.spec.CryptographicAlgorithm;
import io.clavis.kmip.spec.CryptographicUsageMask;
import io.clavis.kmip.spec.KeyFormatType;
import io.clavis.kmip.spec.ObjectType;
import io.clavis.kmip.spec.ResultReason;
import io.clavis.kmip.spec.RevocationReasonCode;
import io.clavis.kmip.spec.SecretDataType;
import io.clavis.server.access.AccessControl;
import io.clavis.server.access.Target;
import io.clavis.server.access.TargetRef;
import io.clavis.server.common.Clock;
import io.clavis.server.common.Ids;
import io.clavis.server.error.ClavisException;
import io.clavis.server.identity.Principal;
import io.clavis.server.key.KeyMaterials;
import io.clavis.server.key.KeyRecord;
import io.clavis.server.key.KeyService;
import io.clavis.server.key.KeyState;
import io.clavis.server.key.KeyVersionRecord;
import io.clavis.server.raft.Command;
import io.clavis.server.raft.RaftNode;
import io.clavis.server.state.StateStore;
import io.clavis.server.vault.Compartment;
import io.clavis.server.vault.Vault;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The managed objects of the KMIP endpoint: what the KMIP operation handlers call, with the
 * principal the listener authenticated.
 *
 * <p>A managed object is a Clavis key (docs/adr/0008-kmip-objects.md): one store, so a key created
 * here is listed, used and audited over REST, and a key created over REST is located, inspected and
 * (if its state allows) revoked or destroyed here. Every method authorises the principal through
 * the same policies as REST ({@code manage keys} to change, {@code use keys} to get material,
 * {@code read keys} for attributes, {@code inspect keys} for Locate), every change is one Raft
 * command applied deterministically on every node, and every failure is a {@link
 * KmipObjectException} carrying the KMIP result reason, so a handler only translates.
 *
 * <p>Construct one per node: it registers the leader's maintenance (activation and deactivation
 * dates) with the key service. Cached material follows the store's writes (a lifecycle command
 * writes the key's record), as for keys changed over REST.
 */
public final class ManagedObjects {
  private static final Logger LOG = LoggerFactory.getLogger(ManagedObjects.class);

  /** The name of the vault KMIP clients' objects go to, in the tenancy unless configured. */
  public static final String DEFAULT_VAULT_NAME = "kmip";

  private static final int SCAN_PAGE = 1000;

  /** The Certificate Type enumeration's X.509 value (KMIP 1.4 section 9.1.3.2.6). */
  static final int X509_CERTIFICATE_TYPE = 0x01;

  private final RaftNode raft;
  private final StateStore store;
  private final KeyMaterials materials;
  private final AccessControl access;
  private final String vaultName;
  private final String compartmentId;
  private volatile Vault defaultVault;

  public ManagedObjects(
      RaftNode raft, KeyService keys, KeyMaterials materials, AccessControl access) {
    this(raft, keys, materials, access, DEFAULT_VAULT_NAME, Compartment.TENANCY);
  }

  /**
   * @param vaultName the default vault's name
   * @param compartmentId where the default vault lives
   */
  public ManagedObjects(
      RaftNode raft,
      KeyService keys,
      KeyMaterials materials,
      AccessControl access,
      String vaultName,
      String compartmentId) {
    this.raft = raft;
    this.store = raft.stateMachine().store();
    this.materials = materials;
    this.access = access;
    this.vaultName = Ids.checkName("vault", vaultName);
    this.compartmentId = compartmentId;
    keys.addMaintenanceTask(this::runDueTransitions);
  }

  // ---- Create and Register ----------------------------------------------------------------------

  /**
   * Creates a symmetric key (AES 128/192/256, HMAC-SHA256/384/512) in the default vault. It is
   * Pre-Active unless the attributes give an Activation Date that has passed.
   *
   * @return the new object's Unique Identifier
   */
  public String create(Principal principal, ObjectType type, KmipAttributes attributes) {
    return kmip(
        () -> {
          if (type != ObjectType.SYMMETRIC_KEY) {
            throw new KmipObjectException(
                ResultReason.INVALID_OBJECT_TYPE,
                "Create makes symmetric keys; register " + type.kmipName() + " objects instead");
          }
          Vault vault = authorizedVault(principal, "kmip.create");
          ObjectTemplate t = template(attributes, type);
          if (t.algorithm() == null) {
            throw new KmipObjectException(
                ResultReason.MISSING_DATA, "a key needs a Cryptographic Algorithm");
          }
          KeyAlgorithm algorithm = KmipMapping.symmetric(t.algorithm(), t.length());
          return submit(
              newObject(principal, vault, algorithm, KeyMaterial.generate(algorithm), t, null));
        });
  }

  /**
   * Creates an RSA (2048/3072/4096) or EC (P-256/P-384/P-521, chosen by Cryptographic Length) key
   * pair (Create Key Pair): one Clavis key, whose id is the Private Key's Unique Identifier and
   * {@code <keyId>-public} the Public Key's. The pair has one lifecycle. The common and private
   * attributes apply to the key; of the public ones, Name and Cryptographic Usage Mask are accepted
   * and not kept (the public key shows the key's default mask), the others must agree with the
   * common and private ones. Needs {@code manage keys} on the default vault.
   *
   * @return the private key's Unique Identifier (the key id)
   */
  public String createKeyPair(
      Principal principal,
      KmipAttributes common,
      KmipAttributes privateKey,
      KmipAttributes publicKey) {
    return kmip(
        () -> {
          Vault vault = authorizedVault(principal, "kmip.create-key-pair");
          ObjectTemplate t = ObjectTemplate.parse(pairAttributes(common, privateKey, publicKey));
          if (t.algorithm() == null) {
            throw new KmipObjectException(
                ResultReason.MISSING_DATA, "a key pair needs a Cryptographic Algorithm");
          }
          KeyAlgorithm algorithm = KmipMapping.asymmetric(t.algorithm(), t.length());
          return submit(
              newObject(principal, vault, algorithm, KeyMaterial.generate(algorithm), t, null));
        });
  }

  /**
   * The attributes of the Common, Private Key and Public Key templates of Create Key Pair or Re-key
   * Key Pair as the one key's list (see {@link #addPairAttributes}).
   *
   * @throws KmipObjectException INVALID_ATTRIBUTE_VALUE where the templates disagree
   */
  public static KmipAttributes pairAttributes(
      KmipAttributes common, KmipAttributes privateKey, KmipAttributes publicKey) {
    return kmip(
        () -> {
          List<KmipAttribute> all = new ArrayList<>();
          addPairAttributes(all, common, ObjectType.PRIVATE_KEY, ObjectType.PUBLIC_KEY, false);
          addPairAttributes(all, privateKey, ObjectType.PRIVATE_KEY, null, false);
          addPairAttributes(all, publicKey, ObjectType.PUBLIC_KEY, null, true);
          return new KmipAttributes(all);
        });
  }

  /**
   * Adds one template's attributes to those of the pair: Object Type must name the half the
   * template is for and is dropped; a single-valued attribute already given with the same value is
   * dropped, with another value refused; a public template's Name and Usage Mask are dropped.
   */
  private static void addPairAttributes(
      List<KmipAttribute> into,
      KmipAttributes attributes,
      ObjectType half,
      ObjectType otherHalf,
      boolean publicTemplate) {
    for (KmipAttribute a : attributes.list()) {
      if (!a.name().isCustom()) {
        StandardAttribute s = a.name().standard();
        if (s == StandardAttribute.OBJECT_TYPE) {
          int v = a.intValue();
          if (v != half.value() && (otherHalf == null || v != otherHalf.value())) {
            throw new KmipObjectException(
                ResultReason.INVALID_ATTRIBUTE_VALUE,
                "the Object Type attribute does not match the object, a " + half.kmipName());
          }
          continue;
        }
        if (publicTemplate
            && (s == StandardAttribute.NAME || s == StandardAttribute.CRYPTOGRAPHIC_USAGE_MASK)) {
          continue;
        }
        if (!s.multiValued()) {
          Optional<KmipAttribute> earlier =
              into.stream().filter(e -> e.name().equals(a.name())).findFirst();
          if (earlier.isPresent()) {
            if (earlier.get().value().equals(a.value())) {
              continue;
            }
            throw new KmipObjectException(
                ResultReason.INVALID_ATTRIBUTE_VALUE,
                a.name() + " differs between the templates of the pair, which is one key");
          }
        }
      }
      into.add(a);
    }
  }

  /**
   * Registers an object the client supplies: a symmetric key, an RSA or EC private key (PKCS#8; it
   * becomes a key pair whose public half is derived), a public key alone (SubjectPublicKeyInfo; a
   * {@code PUBLIC_*} data object that verifies but never signs), secret data, an opaque object, an
   * X.509 certificate or a split key (its TTLV encoding), wrapped under the root key like generated
   * material. It is Pre-Active unless the attributes give an Activation Date that has passed.
   *
   * @return the new object's Unique Identifier
   */
  public String register(Principal principal, RegisterRequest request) {
    return kmip(
        () -> {
          Vault vault = authorizedVault(principal, "kmip.register");
          ObjectTemplate t = template(request.attributes(), request.type());
          SecretBytes value = request.value();
          KeyAlgorithm algorithm;
          byte[] publicDer = null;
          Integer dataType = request.dataType();
          switch (request.type()) {
            case SYMMETRIC_KEY -> {
              if (t.algorithm() == null) {
                throw new KmipObjectException(
                    ResultReason.MISSING_DATA, "a key needs a Cryptographic Algorithm");
              }
              algorithm =
                  KmipMapping.symmetric(
                      t.algorithm(), t.length() != null ? t.length() : value.size() * 8);
              if (value.size() * 8 != algorithm.bits()) {
                throw KmipObjectException.invalidField(
                    "a " + algorithm + " key is " + algorithm.bits() / 8 + " bytes long");
              }
              dataType = null;
            }
            case PRIVATE_KEY -> {
              ImportedKeys.KeyPairInfo pair = ImportedKeys.privateKey(value);
              algorithm = checkDeclared(t, pair.algorithm());
              publicDer = pair.publicKeyDer();
              dataType = null;
            }
            case PUBLIC_KEY -> {
              algorithm = ImportedKeys.publicKey(value.toByteArray(SecretAccess.get()));
              checkDeclared(t, algorithm.keyPairOfPublicKey().orElseThrow());
              dataType = null;
            }
            case SECRET_DATA, OPAQUE_OBJECT, CERTIFICATE, SPLIT_KEY -> {
              if (t.algorithm() != null || t.length() != null) {
                throw new KmipObjectException(
                    ResultReason.INVALID_ATTRIBUTE,
                    request.type().kmipName() + " has no Cryptographic Algorithm or Length");
              }
              if (value.size() == 0 || value.size() > KeyAlgorithm.MAX_DATA_BYTES) {
                throw KmipObjectException.invalidField(
                    request.type().kmipName()
                        + " holds 1 to "
                        + KeyAlgorithm.MAX_DATA_BYTES
                        + " bytes");
              }
              dataType =
                  request.type() == ObjectType.SPLIT_KEY
                      ? null
                      : checkDataType(request.type(), dataType, value);
              algorithm = KmipMapping.dataAlgorithm(request.type());
            }
            default ->
                throw new KmipObjectException(
                    ResultReason.FEATURE_NOT_SUPPORTED,
                    "registering " + request.type().kmipName() + " objects is not supported yet");
          }
          return submit(
              newObject(
                  principal,
                  vault,
                  algorithm,
                  KeyMaterial.fromSecret(algorithm, value, publicDer),
                  t,
                  dataType));
        });
  }

  /**
   * The algorithm of a registered RSA or EC key, which the Cryptographic Algorithm and Length
   * attributes, when given, must agree with.
   */
  private static KeyAlgorithm checkDeclared(ObjectTemplate t, KeyAlgorithm actual) {
    if (t.algorithm() != null
        && KmipMapping.asymmetric(t.algorithm(), t.length() != null ? t.length() : actual.bits())
            != actual) {
      throw KmipObjectException.invalidField(
          "the Cryptographic Algorithm and Length attributes do not describe the key, a " + actual);
    }
    if (t.algorithm() == null && t.length() != null && t.length() != actual.bits()) {
      throw KmipObjectException.invalidField(
          "the Cryptographic Length attribute does not describe the key, a " + actual);
    }
    return actual;
  }

  private static ObjectTemplate template(KmipAttributes attributes, ObjectType type) {
    ObjectTemplate t = ObjectTemplate.parse(attributes);
    if (t.objectType() != null && t.objectType() != type.value()) {
      throw new KmipObjectException(
          ResultReason.INVALID_ATTRIBUTE_VALUE,
          "the Object Type attribute does not match the object, a " + type.kmipName());
    }
    return t;
  }

  private static Integer checkDataType(ObjectType type, Integer dataType, SecretBytes value) {
    switch (type) {
      case SECRET_DATA -> {
        if (dataType == null || SecretDataType.fromValue(dataType).isEmpty()) {
          throw KmipObjectException.invalidField("Secret Data needs a Secret Data Type");
        }
      }
      case OPAQUE_OBJECT -> {
        if (dataType == null) {
          throw KmipObjectException.invalidField("an Opaque Object needs an Opaque Data Type");
        }
      }
      case CERTIFICATE -> {
        if (dataType == null) {
          dataType = X509_CERTIFICATE_TYPE;
        }
        if (dataType != X509_CERTIFICATE_TYPE) {
          throw KmipObjectException.invalidField("Clavis keeps X.509 certificates only");
        }
        checkCertificate(value);
      }
      default -> throw new IllegalStateException(type.name());
    }
    return dataType;
  }

  private static void checkCertificate(SecretBytes value) {
    byte[] der = value.toByteArray(SecretAccess.get());
    try {
      if (der[0] != 0x30) {
        throw new CertificateException("not DER");
      }
      CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException e) {
      throw KmipObjectException.invalidField(
          "the Certificate Value is not an X.509 DER certificate");
    }
  }

  /** Submits a command that adds an object; returns the new object's identifier. */
  String submit(Command command) {
    return raft.submit(command, KmipCommandResult.class).orThrow().key().id();
  }

  /**
   * The command that adds a new object: its key, first version and KMIP record. Its state follows
   * the template's dates: Active once an Activation Date has passed, Deactivated once a
   * Deactivation Date has.
   */
  CreateObjectCommand newObject(
      Principal principal,
      Vault vault,
      KeyAlgorithm algorithm,
      KeyMaterial material,
      ObjectTemplate t,
      Integer dataType) {
    String id = Ids.newId("key");
    Instant now = Clock.now();
    KeyState state;
    if (t.deactivationDate() != null && !t.deactivationDate().isAfter(now)) {
      state = KeyState.DISABLED;
    } else if (t.activationDate() != null && !t.activationDate().isAfter(now)) {
      state = KeyState.ENABLED;
    } else {
      state = KeyState.PRE_ACTIVE;
    }
    KeyRecord key =
        new KeyRecord(
            id,
            vault.id(),
            vault.compartmentId(),
            clavisName(t.names(), id),
            null,
            Map.of(),
            algorithm,
            state,
            1,
            0,
            now,
            null,
            now,
            now,
            principal.name());
    byte[] publicDer = material.publicKeyDer();
    KeyVersionRecord first =
        new KeyVersionRecord(
            id,
            1,
            KeyState.ENABLED,
            now,
            materials.wrap(id, 1, material),
            publicDer == null ? null : Base64.getEncoder().encodeToString(publicDer));
    KmipObjectRecord object =
        new KmipObjectRecord(
            id,
            t.names(),
            t.usageMask(),
            t.activationDate(),
            t.deactivationDate(),
            null,
            null,
            null,
            null,
            t.groups(),
            t.contact(),
            t.custom(),
            t.links(),
            t.sensitive(),
            t.sensitive(),
            t.extractable(),
            !t.extractable(),
            dataType,
            now);
    AttributeEdit.checkLimits(object);
    return new CreateObjectCommand(key, first, object);
  }

  /** The first Name when it can be a Clavis key name, else one the command derives from the id. */
  private static String clavisName(List<KmipValue.NameValue> names, String id) {
    if (!names.isEmpty()) {
      try {
        return Ids.checkName("key", names.get(0).value());
      } catch (ClavisException e) {
        // Not a valid Clavis name: fall through to the derived one.
      }
    }
    return CreateObjectCommand.fallbackName(id);
  }

  /**
   * The default vault, created on first use. The caller must hold {@code manage keys} where it
   * lives, checked before anything is created so that no one without it can make the vault appear.
   */
  private Vault authorizedVault(Principal principal, String operation) {
    access.authorize(
        principal,
        operation,
        Verb.MANAGE,
        ResourceType.KEYS,
        access.resolve(
            TargetRef.TargetKind.COMPARTMENT,
            Compartment.TENANCY.equals(compartmentId) ? null : compartmentId));
    Vault vault = defaultVault(principal);
    authorizeIn(principal, operation, Verb.MANAGE, vault);
    return vault;
  }

  /** Returns the default vault, creating it if no node has yet. */
  Vault defaultVault(Principal by) {
    Vault v = defaultVault;
    if (v != null) {
      return v;
    }
    Optional<Vault> known =
        store
            .read(DefaultVaultCommand.pointerKey(compartmentId, vaultName), String.class)
            .flatMap(id -> store.read(Vault.key(id), Vault.class));
    if (known.isPresent()) {
      v = known.get();
    } else {
      Vault candidate =
          new Vault(
              Ids.newId("vault"), vaultName, compartmentId, Vault.SOFTWARE, Clock.now(), by.name());
      v =
          raft.submit(new DefaultVaultCommand(candidate), KmipCommandResult.class)
              .orThrow()
              .vault();
      LOG.info("KMIP objects go to vault {} ({})", v.name(), v.id());
    }
    defaultVault = v;
    return v;
  }

  // ---- Get
  // ---------------------------------------------------------------------------------------

  /**
   * Returns an object's value (Get). Needs {@code use keys} ({@code read keys} for a public key, of
   * a pair or held alone). Refused with SENSITIVE or NOT_EXTRACTABLE when the object's attributes
   * say so (keys created over REST are never extractable), with OBJECT_DESTROYED once destroyed,
   * and with KEY_FORMAT_TYPE_NOT_SUPPORTED for a format the object does not come in.
   *
   * @param format the Key Format Type asked for, or null for the object's default
   */
  public ManagedObject get(Principal principal, String uniqueIdentifier, KeyFormatType format) {
    return get(principal, uniqueIdentifier, format, false);
  }

  /**
   * Returns an object's value for Get, to be wrapped by the caller when {@code wrapped}: a
   * Sensitive object may leave wrapped (KMIP: Sensitive objects are retrieved only wrapped), a
   * non-Extractable one never.
   */
  public ManagedObject get(
      Principal principal, String uniqueIdentifier, KeyFormatType format, boolean wrapped) {
    return kmip(
        () -> {
          ObjectId id = ObjectId.parse(uniqueIdentifier);
          // A public key, of a pair or held alone, is no secret: reading it is enough. (Which one
          // it is decides only the verb; the authorisation below still comes first.)
          boolean publicKey =
              id.publicHalf()
                  || store
                      .read(KeyRecord.key(id.keyId()), KeyRecord.class)
                      .map(k -> k.algorithm().keyPairOfPublicKey().isPresent())
                      .orElse(false);
          KeyRecord key = authorized(principal, id, "kmip.get", publicKey ? Verb.READ : Verb.USE);
          if (key.state() == KeyState.DESTROYED) {
            throw new KmipObjectException(
                ResultReason.OBJECT_DESTROYED, "object " + id + " is destroyed: it has no value");
          }
          ObjectView view = ObjectView.of(id, key, record(key.id()));
          ObjectType type = view.objectType();
          if (!id.publicHalf()) {
            if (view.record().sensitive() && !wrapped) {
              throw new KmipObjectException(
                  ResultReason.SENSITIVE,
                  "object " + id + " is sensitive: its value leaves only wrapped");
            }
            if (!view.record().extractable()) {
              throw new KmipObjectException(
                  ResultReason.NOT_EXTRACTABLE,
                  "object " + id + " is not extractable: its value stays here");
            }
          }
          KeyFormatType chosen = format(type, key.algorithm(), format);
          SecretBytes value;
          if (id.publicHalf()) {
            KeyVersionRecord version =
                store
                    .read(
                        KeyVersionRecord.key(key.id(), key.currentVersion()),
                        KeyVersionRecord.class)
                    .orElseThrow(() -> KmipObjectException.notFound(uniqueIdentifier));
            if (version.publicKeyDer() == null) {
              throw KmipObjectException.notFound(uniqueIdentifier);
            }
            value = SecretBytes.copyOf(Base64.getDecoder().decode(version.publicKeyDer()));
          } else {
            value =
                materials
                    .get(key, key.currentVersion())
                    .orElseThrow(() -> KmipObjectException.notFound(uniqueIdentifier))
                    .secret();
          }
          if (chosen == KeyFormatType.PKCS_1 && type == ObjectType.PUBLIC_KEY) {
            value =
                SecretBytes.copyOf(
                    KmipMapping.pkcs1PublicKey(value.toByteArray(SecretAccess.get())));
          }
          CryptographicAlgorithm algorithm = KmipMapping.algorithm(key.algorithm());
          return new ManagedObject(
              id.uniqueIdentifier(),
              type,
              chosen,
              algorithm,
              algorithm == null ? null : key.algorithm().bits(),
              view.record().dataType(),
              value);
        });
  }

  /**
   * The key a Get with a Key Wrapping Specification wraps under: {@code use keys} on it, Active, an
   * AES key or an RSA key (either identifier of a pair, or a public key held alone), and Wrap Key
   * in its Cryptographic Usage Mask (for a pair, the mask the pair was given, whichever identifier
   * names it).
   */
  public WrappingKey wrappingKey(Principal principal, String uniqueIdentifier) {
    return kmip(
        () -> {
          ObjectId id = ObjectId.parse(uniqueIdentifier);
          KeyRecord key;
          try {
            key = authorized(principal, id, "kmip.get", Verb.USE);
          } catch (KmipObjectException e) {
            if (e.reason() != ResultReason.OBJECT_NOT_FOUND) {
              throw e;
            }
            throw new KmipObjectException(
                ResultReason.WRAPPING_OBJECT_NOT_FOUND,
                "wrapping key " + uniqueIdentifier + " does not exist");
          }
          KeyAlgorithm algorithm = key.algorithm().keyPairOfPublicKey().orElse(key.algorithm());
          if (algorithm.family() != KeyFamily.AES && algorithm.family() != KeyFamily.RSA) {
            throw new KmipObjectException(
                ResultReason.INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK,
                "wrapping key " + uniqueIdentifier + " is not an AES or RSA key");
          }
          if (key.state() == KeyState.DESTROYED) {
            throw new KmipObjectException(
                ResultReason.WRAPPING_OBJECT_DESTROYED,
                "wrapping key " + uniqueIdentifier + " is destroyed");
          }
          if (key.state() != KeyState.ENABLED) {
            throw new KmipObjectException(
                ResultReason.WRONG_KEY_LIFECYCLE_STATE,
                "wrapping key " + uniqueIdentifier + " is not Active");
          }
          int mask =
              ObjectView.of(new ObjectId(key.id(), false), key, record(key.id()))
                  .attributes()
                  .first(StandardAttribute.CRYPTOGRAPHIC_USAGE_MASK)
                  .map(KmipAttribute::intValue)
                  .orElse(0);
          if ((mask & CryptographicUsageMask.WRAP_KEY.value()) == 0) {
            throw new KmipObjectException(
                ResultReason.INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK,
                "wrapping key " + uniqueIdentifier + " lacks Wrap Key in its usage mask");
          }
          KeyMaterial material =
              materials
                  .get(key, key.currentVersion())
                  .orElseThrow(
                      () ->
                          new KmipObjectException(
                              ResultReason.WRAPPING_OBJECT_DESTROYED,
                              "wrapping key " + uniqueIdentifier + " has no value"));
          return new WrappingKey(id.uniqueIdentifier(), algorithm, material);
        });
  }

  private static KeyFormatType format(
      ObjectType type, KeyAlgorithm algorithm, KeyFormatType requested) {
    KeyFamily family = algorithm.keyPairOfPublicKey().orElse(algorithm).family();
    List<KeyFormatType> offered =
        switch (type) {
          case SYMMETRIC_KEY -> List.of(KeyFormatType.RAW, KeyFormatType.TRANSPARENT_SYMMETRIC_KEY);
          case SECRET_DATA -> List.of(KeyFormatType.OPAQUE);
          case CERTIFICATE -> List.of(KeyFormatType.X_509);
          case PUBLIC_KEY ->
              family == KeyFamily.RSA
                  ? List.of(
                      KeyFormatType.X_509,
                      KeyFormatType.PKCS_1,
                      KeyFormatType.TRANSPARENT_RSA_PUBLIC_KEY)
                  : List.of(
                      KeyFormatType.X_509,
                      KeyFormatType.TRANSPARENT_EC_PUBLIC_KEY,
                      KeyFormatType.TRANSPARENT_ECDSA_PUBLIC_KEY);
          case PRIVATE_KEY ->
              family == KeyFamily.RSA
                  ? List.of(KeyFormatType.PKCS_8, KeyFormatType.TRANSPARENT_RSA_PRIVATE_KEY)
                  : List.of(
                      KeyFormatType.PKCS_8,
                      KeyFormatType.TRANSPARENT_EC_PRIVATE_KEY,
                      KeyFormatType.TRANSPARENT_ECDSA_PRIVATE_KEY);
          default -> List.of();
        };
    if (requested == null) {
      return offered.isEmpty() ? null : offered.get(0);
    }
    if (!offered.contains(requested)) {
      throw new KmipObjectException(
          ResultReason.KEY_FORMAT_TYPE_NOT_SUPPORTED,
          type.kmipName()
              + " objects come as "
              + (offered.isEmpty()
                  ? "their value only"
                  : offered.stream().map(KeyFormatType::kmipName).toList())
              + ", not "
              + requested.kmipName());
    }
    return requested;
  }

  // ---- Attributes -------------------------------------------------------------------------------

  /**
   * Returns the attributes of an object (Get Attributes), all of them when {@code names} is empty.
   * Needs {@code read keys}. Attributes the object does not have are simply absent.
   */
  public KmipAttributes attributes(
      Principal principal, String uniqueIdentifier, Collection<KmipAttributeName> names) {
    return kmip(
        () -> {
          ObjectId id = ObjectId.parse(uniqueIdentifier);
          KeyRecord key = authorized(principal, id, "kmip.get-attributes", Verb.READ);
          return ObjectView.of(id, key, record(key.id())).attributes().select(names);
        });
  }

  /** Returns which attributes an object has (Get Attribute List). Needs {@code read keys}. */
  public List<KmipAttributeName> attributeNames(Principal principal, String uniqueIdentifier) {
    return List.copyOf(attributes(principal, uniqueIdentifier, List.of()).names());
  }

  /**
   * Adds an instance of a client-modifiable attribute (Add Attribute). Needs {@code manage keys}.
   *
   * @return the new instance's index among the attribute's instances (the 1.x Attribute Index)
   */
  public int addAttribute(Principal principal, String uniqueIdentifier, KmipAttribute attribute) {
    return edit(
            principal,
            uniqueIdentifier,
            "kmip.add-attribute",
            new AttributeEdit(
                AttributeEdit.Op.ADD, attribute.name(), null, null, attribute.value(), null))
        .index();
  }

  /**
   * Changes the instance at a KMIP 1.x Attribute Index (Modify Attribute, 1.x form).
   *
   * @return the attribute as it now is
   */
  public KmipAttribute modifyAttribute(
      Principal principal, String uniqueIdentifier, KmipAttribute newValue, int index) {
    return edit(
            principal,
            uniqueIdentifier,
            "kmip.modify-attribute",
            new AttributeEdit(
                AttributeEdit.Op.MODIFY, newValue.name(), index, null, newValue.value(), null))
        .attribute();
  }

  /**
   * Changes the instance equal to {@code current}, or the only (first) instance when {@code
   * current} is null (Modify Attribute, 2.x form with an optional Current Attribute).
   *
   * @return the attribute as it now is
   */
  public KmipAttribute modifyAttribute(
      Principal principal, String uniqueIdentifier, KmipAttribute current, KmipAttribute newValue) {
    if (current != null && !current.name().equals(newValue.name())) {
      throw KmipObjectException.invalidField(
          "the Current Attribute and the New Attribute are different attributes");
    }
    return edit(
            principal,
            uniqueIdentifier,
            "kmip.modify-attribute",
            new AttributeEdit(
                AttributeEdit.Op.MODIFY,
                newValue.name(),
                null,
                current == null ? null : current.value(),
                newValue.value(),
                null))
        .attribute();
  }

  /** Deletes the instance at a KMIP 1.x Attribute Index (Delete Attribute, 1.x form). */
  public void deleteAttribute(
      Principal principal, String uniqueIdentifier, KmipAttributeName name, int index) {
    edit(
        principal,
        uniqueIdentifier,
        "kmip.delete-attribute",
        new AttributeEdit(AttributeEdit.Op.DELETE, name, index, null, null, null));
  }

  /**
   * Deletes the instance equal to {@code current} (Delete Attribute, 2.x form with a Current
   * Attribute).
   */
  public void deleteAttribute(Principal principal, String uniqueIdentifier, KmipAttribute current) {
    edit(
        principal,
        uniqueIdentifier,
        "kmip.delete-attribute",
        new AttributeEdit(
            AttributeEdit.Op.DELETE, current.name(), null, current.value(), null, null));
  }

  /**
   * Sets a single-valued attribute, adding or replacing it (Set Attribute, KMIP 2.x).
   *
   * @throws KmipObjectException MULTI_VALUED_ATTRIBUTE for Name, Object Group and custom attributes
   */
  public void setAttribute(Principal principal, String uniqueIdentifier, KmipAttribute attribute) {
    edit(
        principal,
        uniqueIdentifier,
        "kmip.set-attribute",
        new AttributeEdit(
            AttributeEdit.Op.SET, attribute.name(), null, null, attribute.value(), null));
  }

  /**
   * Adjusts a numeric or date custom attribute (Adjust Attribute, KMIP 2.x). A missing amount is 1.
   *
   * @return the attribute as it now is
   */
  public KmipAttribute adjustAttribute(
      Principal principal,
      String uniqueIdentifier,
      KmipAttributeName name,
      AdjustmentType adjustment,
      KmipValue amount) {
    return edit(
            principal,
            uniqueIdentifier,
            "kmip.adjust-attribute",
            new AttributeEdit(AttributeEdit.Op.ADJUST, name, null, null, amount, adjustment))
        .attribute();
  }

  private KmipCommandResult edit(
      Principal principal, String uniqueIdentifier, String operation, AttributeEdit edit) {
    return kmip(
        () -> {
          ObjectId id = ObjectId.parse(uniqueIdentifier);
          KeyRecord key = authorized(principal, id, operation, Verb.MANAGE);
          requirePrimary(id, operation);
          // Checked here too, so that a refusal needs no Raft round trip; the command checks again.
          AttributeEdit.checkWritable(edit.name());
          return raft.submit(
                  new EditAttributesCommand(key.id(), edit, Clock.now()), KmipCommandResult.class)
              .orThrow();
        });
  }

  // ---- Locate
  // ------------------------------------------------------------------------------------

  /**
   * Finds the objects that have every attribute of the request (Locate), among those the principal
   * may {@code inspect}. A Name or Object Group in the request is looked up in an index; anything
   * else is a scan of all keys.
   */
  public LocateResult locate(Principal principal, LocateRequest request) {
    return kmip(
        () -> {
          KmipAttributes criteria = request.attributes();
          Map<String, Boolean> mayInspect = new HashMap<>();
          Set<String> found = new TreeSet<>();
          for (KeyRecord key : candidates(criteria)) {
            boolean allowed =
                mayInspect.computeIfAbsent(
                    key.compartmentId(),
                    c ->
                        access.permits(
                            principal, "kmip.locate", Verb.INSPECT, ResourceType.KEYS, c));
            if (!allowed) {
              continue;
            }
            KmipObjectRecord record = record(key.id());
            for (ObjectId id : objectsOf(key)) {
              if (ObjectView.of(id, key, record).matches(criteria)) {
                found.add(id.uniqueIdentifier());
              }
            }
          }
          List<String> all = new ArrayList<>(found);
          int from = Math.min(request.offsetItems(), all.size());
          int to =
              request.maximumItems() == null
                  ? all.size()
                  : (int) Math.min(all.size(), (long) from + request.maximumItems());
          return new LocateResult(all.subList(from, to), all.size());
        });
  }

  private Iterable<KeyRecord> candidates(KmipAttributes criteria) {
    Optional<KmipAttribute> name = criteria.first(StandardAttribute.NAME);
    if (name.isPresent()) {
      String text = name.get().textValue();
      Set<String> ids =
          new LinkedHashSet<>(KmipIndex.ids(store, KmipIndex.namePrefix(text), Integer.MAX_VALUE));
      // Keys no KMIP client has touched are named by their Clavis name only.
      for (Vault vault : store.scan("vault/", null, Integer.MAX_VALUE, Vault.class)) {
        store.read(KeyRecord.nameKey(vault.id(), text), String.class).ifPresent(ids::add);
      }
      return keys(ids);
    }
    Optional<KmipAttribute> group = criteria.first(StandardAttribute.OBJECT_GROUP);
    if (group.isPresent()) {
      return keys(
          KmipIndex.ids(store, KmipIndex.groupPrefix(group.get().textValue()), Integer.MAX_VALUE));
    }
    return allKeys();
  }

  private List<KeyRecord> keys(Collection<String> ids) {
    List<KeyRecord> out = new ArrayList<>(ids.size());
    for (String id : ids) {
      store.read(KeyRecord.key(id), KeyRecord.class).ifPresent(out::add);
    }
    return out;
  }

  /** Every key, read a page at a time. */
  private Iterable<KeyRecord> allKeys() {
    return () ->
        new Iterator<>() {
          private List<KeyRecord> page = store.scan("key/", null, SCAN_PAGE, KeyRecord.class);
          private int next;

          @Override
          public boolean hasNext() {
            if (next < page.size()) {
              return true;
            }
            if (page.size() < SCAN_PAGE) {
              return false;
            }
            String after = KeyRecord.key(page.get(page.size() - 1).id());
            page = store.scan("key/", after, SCAN_PAGE, KeyRecord.class);
            next = 0;
            return !page.isEmpty();
          }

          @Override
          public KeyRecord next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            return page.get(next++);
          }
        };
  }

  private static List<ObjectId> objectsOf(KeyRecord key) {
    return key.algorithm().isAsymmetric()
        ? List.of(new ObjectId(key.id(), false), new ObjectId(key.id(), true))
        : List.of(new ObjectId(key.id(), false));
  }

  // ---- Lifecycle
  // ---------------------------------------------------------------------------------

  /**
   * Activates a Pre-Active object (Activate). Needs {@code manage keys}. Like Revoke and Destroy,
   * it accepts either identifier of a key pair: the pair has one lifecycle.
   */
  public void activate(Principal principal, String uniqueIdentifier) {
    lifecycle(
        principal,
        uniqueIdentifier,
        "kmip.activate",
        LifecycleCommand.Transition.ACTIVATE,
        null,
        null);
  }

  /**
   * Revokes an object (Revoke). For a key or CA compromise the object becomes Compromised (from any
   * state; a destroyed one becomes Destroyed Compromised) and can never be used again; for any
   * other reason a Pre-Active or Active object becomes Deactivated. Needs {@code manage keys}.
   *
   * @param compromiseOccurrenceDate when the compromise happened; null means now
   */
  public void revoke(
      Principal principal,
      String uniqueIdentifier,
      RevocationReasonCode reason,
      String message,
      Instant compromiseOccurrenceDate) {
    if (message != null && message.length() > 1024) {
      throw KmipObjectException.invalidField("a Revocation Message holds at most 1024 characters");
    }
    lifecycle(
        principal,
        uniqueIdentifier,
        "kmip.revoke",
        LifecycleCommand.Transition.REVOKE,
        new KmipValue.RevocationReasonValue(reason, message),
        LifecycleCommand.isCompromise(reason) ? compromiseOccurrenceDate : null);
  }

  /**
   * Destroys an object that is not Active (Destroy): its material is erased at once, on every node,
   * while its attributes remain for Locate and Get Attributes. Needs {@code manage keys}.
   */
  public void destroy(Principal principal, String uniqueIdentifier) {
    lifecycle(
        principal,
        uniqueIdentifier,
        "kmip.destroy",
        LifecycleCommand.Transition.DESTROY,
        null,
        null);
  }

  private void lifecycle(
      Principal principal,
      String uniqueIdentifier,
      String operation,
      LifecycleCommand.Transition transition,
      KmipValue.RevocationReasonValue reason,
      Instant compromiseOccurrence) {
    kmip(
        () -> {
          ObjectId id = ObjectId.parse(uniqueIdentifier);
          // A key pair has one lifecycle: the public key's identifier names the same key.
          KeyRecord key = authorized(principal, id, operation, Verb.MANAGE);
          KmipCommandResult r =
              raft.submit(
                      new LifecycleCommand(
                          key.id(), transition, Clock.now(), reason, compromiseOccurrence, null),
                      KmipCommandResult.class)
                  .orThrow();
          return r;
        });
  }

  /**
   * Checks that the principal may {@code use keys} on an object before a cryptographic operation
   * (Encrypt, Decrypt, Sign, MAC, ...), and returns the Clavis key id to hand to the crypto
   * service. The crypto service itself refuses keys that are not Active.
   */
  public String authorizeUse(Principal principal, String uniqueIdentifier, String operation) {
    return kmip(
        () -> {
          ObjectId id = ObjectId.parse(uniqueIdentifier);
          return authorized(principal, id, operation, Verb.USE).id();
        });
  }

  /**
   * The leader's maintenance: turns the Activation and Deactivation Dates that have been reached
   * into state changes, one command each.
   */
  void runDueTransitions(Instant now) {
    List<String> due = new ArrayList<>();
    store.scanKeys(
        KmipIndex.DUE_PREFIX,
        null,
        SCAN_PAGE,
        (k, v) -> {
          Instant at = KmipIndex.dueTime(k);
          if (at != null && !at.isAfter(now)) {
            due.add(k);
          }
        });
    for (String entry : due) {
      try {
        raft.submit(
            new LifecycleCommand(
                KmipIndex.keyIdOf(entry), LifecycleCommand.Transition.DUE, now, null, null, entry),
            KmipCommandResult.class);
      } catch (ClavisException e) {
        LOG.warn("Due lifecycle change of {} failed: {}", KmipIndex.keyIdOf(entry), e.getMessage());
      }
    }
  }

  // ---- helpers
  // -----------------------------------------------------------------------------------

  /** The key behind an object, once the principal is allowed {@code verb} on it. */
  KeyRecord authorized(Principal principal, ObjectId id, String operation, Verb verb) {
    Target target;
    try {
      target = access.resolve(TargetRef.TargetKind.KEY, id.keyId());
    } catch (ClavisException e) {
      throw KmipObjectException.notFound(id.uniqueIdentifier());
    }
    access.authorize(principal, operation, verb, ResourceType.KEYS, target);
    KeyRecord key =
        store
            .read(KeyRecord.key(id.keyId()), KeyRecord.class)
            .orElseThrow(() -> KmipObjectException.notFound(id.uniqueIdentifier()));
    if (id.publicHalf() && !key.algorithm().isAsymmetric()) {
      throw KmipObjectException.notFound(id.uniqueIdentifier());
    }
    return key;
  }

  private static void requirePrimary(ObjectId id, String operation) {
    if (id.publicHalf()) {
      throw new KmipObjectException(
          ResultReason.ILLEGAL_OPERATION,
          operation
              + " applies to the private key "
              + id.keyId()
              + ", which the public one follows");
    }
  }

  /** Checks that the principal may {@code verb} keys in a vault. */
  void authorizeIn(Principal principal, String operation, Verb verb, Vault vault) {
    access.authorize(
        principal,
        operation,
        verb,
        ResourceType.KEYS,
        access.resolve(TargetRef.TargetKind.VAULT, vault.id()));
  }

  /** A vault, by id. */
  Vault vault(String vaultId) {
    return store
        .read(Vault.key(vaultId), Vault.class)
        .orElseThrow(
            () -> new KmipObjectException(ResultReason.OBJECT_NOT_FOUND, "no vault " + vaultId));
  }

  /** The material of a key's current version. */
  SecretBytes currentSecret(KeyRecord key) {
    return materials
        .get(key, key.currentVersion())
        .orElseThrow(
            () ->
                new KmipObjectException(
                    ResultReason.OBJECT_DESTROYED, "object " + key.id() + " has no value"))
        .secret();
  }

  /** The KMIP record of a key, or null while no KMIP client has touched it. */
  KmipObjectRecord record(String keyId) {
    return store.read(KmipObjectRecord.key(keyId), KmipObjectRecord.class).orElse(null);
  }

  /** Runs an operation, translating the errors of the layers below into KMIP reasons. */
  static <T> T kmip(Supplier<T> operation) {
    try {
      return operation.get();
    } catch (ClavisException e) {
      throw KmipObjectException.from(e);
    } catch (IllegalArgumentException e) {
      // From the key material checks: the message names sizes and algorithms, never bytes.
      throw KmipObjectException.invalidField(e.getMessage());
    }
  }
}
