# why: a training-time augmentation (RandomAffine on the training subset only), another validation size and dropout
# %% pipeline
def train_digits(root: str, seed: int) -> nn.Module:
    torch.manual_seed(seed)
    plain = digits_dataset(root, train=True)
    moved = datasets.MNIST(root, train=True, download=False, transform=transforms.Compose([
        transforms.RandomAffine(degrees=10, translate=(0.04, 0.04)), transforms.ToTensor(),
        transforms.Normalize((MEAN,), (STD,))]))
    train_part, val_set = split_train_val(plain, 200, seed)
    train_set = Subset(moved, list(train_part.indices))      # the same digits, randomly moved in every epoch
    train_loader = DataLoader(train_set, batch_size=64, shuffle=True, generator=torch.Generator().manual_seed(seed))
    model = DigitsCNN(dropout=0.1).to(device)
    fit(model, train_loader, DataLoader(val_set, batch_size=512), epochs=6, lr=0.005, seed=seed, checkpoint="aug.pt")
    return load_model("aug.pt", model)


def predict(model: nn.Module, images: torch.Tensor) -> torch.Tensor:
    model.eval()
    where = next(model.parameters()).device
    labels = [torch.zeros(0, dtype=torch.int64)]
    with torch.no_grad():
        for start in range(0, len(images), 256):
            labels.append(model(images[start:start + 256].to(where)).argmax(dim=1).cpu())
    return torch.cat(labels)
