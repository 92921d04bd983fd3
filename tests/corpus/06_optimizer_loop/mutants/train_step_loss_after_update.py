# mistake: returns the loss recomputed after the update instead of the loss the step was taken on
# targets: test_train_step
# %% train_step
def train_step(model: nn.Module, optimizer: optim.Optimizer, loss_fn, x: torch.Tensor, y: torch.Tensor) -> float:
    optimizer.zero_grad()
    loss_fn(model(x), y).backward()
    optimizer.step()
    with torch.no_grad():
        return loss_fn(model(x), y).item()
