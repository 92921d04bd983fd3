# mistake: moves the batch to a fixed global device (cuda if available, else cpu) instead of leaving it on the model's device
# targets: test_train_step
# %% train_step
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


def train_step(model: nn.Module, optimizer: optim.Optimizer, loss_fn, x: torch.Tensor, y: torch.Tensor) -> float:
    x, y = x.to(device), y.to(device)
    out = model(x)
    loss = loss_fn(out, y)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    return loss.item()
