# mistake: returns the loss tensor instead of the Python float loss.item()
# targets: test_train_step
# %% train_step
def train_step(model: nn.Module, optimizer: optim.Optimizer, loss_fn, x: torch.Tensor, y: torch.Tensor) -> float:
    loss = loss_fn(model(x), y)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    return loss
